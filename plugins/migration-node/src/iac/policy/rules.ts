/*
 * Compliance primitives the IaC policy checks apply to generated Terraform. They mirror the
 * assessment's compliance rules (admin/database ports, internet exposure, residency, required
 * tags); when the assessment library exports its own primitives, this module re-exports them
 * so both stay one definition.
 */
import type { ComplianceProfile } from '@sirsi-nexus/plugin-migration-common';

/** Remote administration ports that must never be open to the internet. */
export const ADMIN_PORTS: ReadonlyArray<{ port: number; name: string }> = [
  { port: 22, name: 'SSH' },
  { port: 3389, name: 'RDP' },
  { port: 5985, name: 'WinRM (HTTP)' },
  { port: 5986, name: 'WinRM (HTTPS)' },
];

/** Database ports that must never be open to the internet. */
export const DATABASE_PORTS: ReadonlyArray<{ port: number; name: string }> = [
  { port: 1433, name: 'SQL Server' },
  { port: 1521, name: 'Oracle' },
  { port: 3306, name: 'MySQL' },
  { port: 5432, name: 'PostgreSQL' },
  { port: 5439, name: 'Redshift' },
  { port: 6379, name: 'Redis' },
  { port: 9042, name: 'Cassandra' },
  { port: 9200, name: 'Elasticsearch' },
  { port: 11211, name: 'Memcached' },
  { port: 27017, name: 'MongoDB' },
  { port: 50000, name: 'Db2' },
];

/** Ports that may face the internet without a warning. */
export const PUBLIC_WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

/** Tags (labels) every resource must carry. */
export const REQUIRED_TAGS: readonly string[] = [
  'owner',
  'migration-id',
  'wave',
];

/** True for a source that means "anywhere": `0.0.0.0/0`, `::/0`, `*`, `Internet`, `Any`. */
export function isOpenToInternet(source: string): boolean {
  const value = source.trim().toLowerCase();
  return ['0.0.0.0/0', '0.0.0.0', '::/0', '*', 'internet', 'any'].includes(
    value,
  );
}

/** The sensitive ports (admin and database) inside an inclusive port range. */
export function sensitivePortsIn(from: number, to: number) {
  return [...ADMIN_PORTS, ...DATABASE_PORTS].filter(
    p => p.port >= from && p.port <= to,
  );
}

/** Regions of the EU/EEA and of countries with an EU adequacy decision (UK, Switzerland). */
const GDPR_REGIONS: Record<string, RegExp> = {
  aws: /^eu-(west|central|north|south)-\d$/,
  azure:
    /^(northeurope|westeurope|francecentral|francesouth|germanywestcentral|germanynorth|swedencentral|swedensouth|italynorth|polandcentral|spaincentral|norwayeast|norwaywest|switzerlandnorth|switzerlandwest|austriaeast|belgiumcentral|denmarkeast|finlandcentral|greececentral|uksouth|ukwest)$/,
  gcp: /^europe-(west\d+|north\d+|central\d+|southwest\d+)$/,
};

/**
 * Whether a target region satisfies the data-residency rule of a compliance profile. GDPR keeps
 * data in the EU/EEA or adequacy countries; the other profiles do not restrict regions.
 * `allowed` (from config) overrides the profile's list when given.
 */
export function regionAllowed(
  profile: ComplianceProfile | undefined,
  provider: string,
  region: string,
  allowed?: string[],
): { allowed: boolean; rule: string } {
  if (allowed && allowed.length > 0) {
    return {
      allowed: allowed.includes(region),
      rule: `migration.iac.allowedRegions (${allowed.join(', ')})`,
    };
  }
  if (profile === 'gdpr') {
    const pattern = GDPR_REGIONS[provider];
    return {
      allowed: pattern ? pattern.test(region) : false,
      rule: 'GDPR: EU/EEA or EU adequacy regions',
    };
  }
  return {
    allowed: true,
    rule: `no residency restriction for profile ${profile ?? 'none'}`,
  };
}
