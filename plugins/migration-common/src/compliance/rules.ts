/*
 * Compliance rule primitives. They work on plain data (ports, CIDRs, regions, tags, flags) so the
 * same rules judge the assessment's plan and, later, the generated infrastructure-as-code.
 */
import type { ComplianceProfile } from '@sirsi-nexus/plugin-migration-common';
import {
  COUNTRY_GROUPS,
  EEA_COUNTRIES,
  EU_ADEQUACY_COUNTRIES,
  REGION_COUNTRIES,
} from './regions';

/** Result of a compliance check. @public */
export type ComplianceStatus = 'pass' | 'warn' | 'fail';

/**
 * Remote administration ports: SSH, Telnet, RDP, WinRM (HTTP and HTTPS).
 *
 * @public
 */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5985: 'WinRM',
  5986: 'WinRM over HTTPS',
};

/**
 * Database listener ports.
 *
 * @public
 */
export const DATABASE_PORTS: Readonly<Record<number, string>> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  27017: 'MongoDB',
  50000: 'Db2',
};

/**
 * Ports of clear-text protocols that should be redirected to TLS.
 *
 * @public
 */
export const CLEARTEXT_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP',
  23: 'Telnet',
  80: 'HTTP',
};

const INTERNET_SOURCES = new Set([
  '0.0.0.0/0',
  '::/0',
  '0.0.0.0',
  '*',
  'any',
  'internet',
]);

/**
 * Whether a source (CIDR, address, or a provider's service tag such as Azure's `Internet`) — or any
 * of a list of sources — means "anyone on the internet".
 *
 * @public
 */
export function isOpenToInternet(
  sources: string | readonly string[] | undefined,
): boolean {
  if (sources === undefined) return false;
  const list = typeof sources === 'string' ? [sources] : sources;
  return list.some(s => {
    const v = s.trim().toLowerCase();
    return INTERNET_SOURCES.has(v) || /^(0\.0\.0\.0|::)\/0$/.test(v);
  });
}

/**
 * An inbound rule as the rules see it: the shape of `SecurityRule` in migration-common, and of a
 * security group rule in generated IaC.
 *
 * @public
 */
export interface InboundRule {
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  sources?: readonly string[];
}

/**
 * Which of `ports` an inbound rule admits. `all` protocols or a rule without ports admits every
 * port; ICMP admits none.
 *
 * @public
 */
export function admittedPorts(
  rule: InboundRule,
  ports: readonly number[],
): number[] {
  const protocol = (rule.protocol ?? 'all').toLowerCase();
  if (protocol === 'icmp' || protocol === 'icmpv6') return [];
  const anyPort =
    protocol === 'all' ||
    protocol === '-1' ||
    protocol === '*' ||
    (rule.fromPort === undefined && rule.toPort === undefined);
  if (anyPort) return [...ports];
  const from = rule.fromPort ?? rule.toPort!;
  const to = rule.toPort ?? rule.fromPort!;
  return ports.filter(p => p >= from && p <= to);
}

/**
 * Ports out of `ports` that a set of inbound rules opens to the internet.
 *
 * @public
 */
export function internetExposedPorts(
  rules: readonly InboundRule[] | undefined,
  ports: readonly number[],
): number[] {
  const found = new Set<number>();
  for (const rule of rules ?? []) {
    if (!isOpenToInternet(rule.sources)) continue;
    for (const p of admittedPorts(rule, ports)) found.add(p);
  }
  return [...found].sort((a, b) => a - b);
}

const ADMIN_PORT_LIST = Object.keys(ADMIN_PORTS).map(Number);
const DATABASE_PORT_LIST = Object.keys(DATABASE_PORTS).map(Number);
const CLEARTEXT_PORT_LIST = Object.keys(CLEARTEXT_PORTS).map(Number);

/** Admin ports ({@link ADMIN_PORTS}) open to the internet. @public */
export function internetExposedAdminPorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, ADMIN_PORT_LIST);
}

/** Database ports ({@link DATABASE_PORTS}) open to the internet. @public */
export function internetExposedDatabasePorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, DATABASE_PORT_LIST);
}

/** Clear-text protocol ports ({@link CLEARTEXT_PORTS}) open to the internet. @public */
export function internetExposedCleartextPorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, CLEARTEXT_PORT_LIST);
}

/** Names ports for messages, e.g. `22 (SSH), 3389 (RDP)`. @public */
export function describePorts(ports: readonly number[]): string {
  const names: Record<number, string> = {
    ...CLEARTEXT_PORTS,
    ...DATABASE_PORTS,
    ...ADMIN_PORTS,
  };
  return ports
    .map(p => (names[p] ? `${p} (${names[p]})` : String(p)))
    .join(', ');
}

/**
 * The country (ISO 3166-1 alpha-2, lower case) a cloud region is in, when known.
 *
 * @public
 */
export function regionCountry(
  provider: string,
  region: string,
): string | undefined {
  const table = REGION_COUNTRIES[provider as keyof typeof REGION_COUNTRIES];
  return table?.[region.toLowerCase()];
}

/**
 * Where a compliance profile wants data to live.
 *
 * @public
 */
export interface ResidencyPolicy {
  /** What the allowed area is called in messages. */
  label: string;
  /** Countries where data may live. */
  allowed: readonly string[];
  /** Countries that are acceptable with extra safeguards (a warning). */
  conditional?: readonly string[];
  /** Status when the region is outside both lists. */
  outside: ComplianceStatus;
  remediation: string;
}

/**
 * Residency lists per compliance profile. GDPR: the EEA (adequacy countries warn); HIPAA: the
 * United States is expected by most business associate agreements (a warning, not a legal rule);
 * SOC 2 and none: no residency requirement.
 *
 * @public
 */
export const RESIDENCY_POLICIES: Readonly<
  Record<ComplianceProfile, ResidencyPolicy | undefined>
> = {
  none: undefined,
  soc2: undefined,
  gdpr: {
    label: 'the European Economic Area',
    allowed: EEA_COUNTRIES,
    conditional: EU_ADEQUACY_COUNTRIES,
    outside: 'fail',
    remediation:
      'Choose a target region inside the EEA, or document a GDPR chapter V transfer mechanism (adequacy decision, SCCs) before migrating personal data.',
  },
  hipaa: {
    label: 'the United States',
    allowed: ['us'],
    outside: 'warn',
    remediation:
      'Confirm that your business associate agreement with the cloud provider covers the chosen region, or choose a US region.',
  },
};

/**
 * Judges a target region against a profile's residency list.
 *
 * @public
 */
export function checkRegionResidency(
  profile: ComplianceProfile,
  provider: string,
  region: string,
):
  | { status: ComplianceStatus; message: string; remediation?: string }
  | undefined {
  const policy = RESIDENCY_POLICIES[profile];
  if (!policy) return undefined;
  const country = regionCountry(provider, region);
  if (!country) {
    return {
      status: 'warn',
      message: `The country of ${provider} region ${region} is not known, so residency in ${policy.label} cannot be confirmed.`,
      remediation: policy.remediation,
    };
  }
  if (policy.allowed.includes(country)) {
    return {
      status: 'pass',
      message: `${provider} region ${region} is in ${country.toUpperCase()}, inside ${
        policy.label
      }.`,
    };
  }
  if (policy.conditional?.includes(country)) {
    return {
      status: 'warn',
      message: `${provider} region ${region} is in ${country.toUpperCase()}, outside ${
        policy.label
      } but covered by an adequacy decision.`,
      remediation: policy.remediation,
    };
  }
  return {
    status: policy.outside,
    message: `${provider} region ${region} is in ${country.toUpperCase()}, outside ${
      policy.label
    }.`,
    remediation: policy.remediation,
  };
}

/**
 * Countries a residency tag value allows: comma/space separated country codes or groups
 * (`eu`, `eea`, `uk`), e.g. `eu`, `de,at`, `us`.
 *
 * @public
 */
export function residencyTagCountries(value: string): string[] {
  const out = new Set<string>();
  for (const part of value.toLowerCase().split(/[\s,;/]+/)) {
    if (!part) continue;
    const group = COUNTRY_GROUPS[part];
    if (group) group.forEach(c => out.add(c));
    else if (/^[a-z]{2}$/.test(part)) out.add(part);
  }
  return [...out];
}

/** Tag keys that state where a resource's data must stay. @public */
export const RESIDENCY_TAG_KEYS = [
  'data-residency',
  'data_residency',
  'residency',
];

/**
 * The residency tag of a resource, if any (case-insensitive key match).
 *
 * @public
 */
export function residencyTagOf(
  tags: Record<string, string>,
): string | undefined {
  for (const [key, value] of Object.entries(tags)) {
    if (RESIDENCY_TAG_KEYS.includes(key.toLowerCase()) && value.trim()) {
      return value.trim();
    }
  }
  return undefined;
}

/**
 * Whether a resource's residency tag excludes the target region. Undefined when it has no tag or
 * the region's country is unknown.
 *
 * @public
 */
export function residencyConflict(
  tags: Record<string, string>,
  provider: string,
  region: string,
): { tag: string; country?: string; conflict: boolean } | undefined {
  const tag = residencyTagOf(tags);
  if (!tag) return undefined;
  const allowed = residencyTagCountries(tag);
  if (allowed.length === 0) return undefined;
  const country = regionCountry(provider, region);
  if (!country) return { tag, conflict: false };
  return { tag, country, conflict: !allowed.includes(country) };
}

/**
 * Tags each profile requires on every migrated resource, on top of the `owner`, `migration-id`
 * and `wave` tags the generated infrastructure always carries.
 *
 * @public
 */
export const REQUIRED_TAGS: Readonly<
  Record<ComplianceProfile, readonly string[]>
> = {
  none: [],
  gdpr: ['data-classification'],
  soc2: ['environment'],
  hipaa: ['data-classification'],
};

/** Tags the generated infrastructure puts on every resource. @public */
export const PLANNED_TAGS: readonly string[] = [
  'owner',
  'migration-id',
  'wave',
];

/**
 * Required tag keys missing from `tags` (keys compare case-insensitively; empty values count as
 * missing).
 *
 * @public
 */
export function missingTags(
  tags: Record<string, string | undefined>,
  required: readonly string[],
): string[] {
  const present = new Set(
    Object.entries(tags)
      .filter(([, v]) => v !== undefined && String(v).trim() !== '')
      .map(([k]) => k.toLowerCase()),
  );
  return required.filter(r => !present.has(r.toLowerCase()));
}

/**
 * How strictly each profile treats each control when it is not met.
 *
 * @public
 */
export interface ComplianceControls {
  encryptionAtRest: ComplianceStatus;
  encryptionInTransit: ComplianceStatus;
  auditLogging: ComplianceStatus;
  adminPortsFromInternet: ComplianceStatus;
  databasePortsFromInternet: ComplianceStatus;
  requiredTags: ComplianceStatus;
  publicExposure: ComplianceStatus;
}

/**
 * Status per control per profile when the control is not met (`none` is a security baseline
 * that only warns).
 *
 * @public
 */
export const PROFILE_CONTROLS: Readonly<
  Record<ComplianceProfile, ComplianceControls>
> = {
  none: {
    encryptionAtRest: 'warn',
    encryptionInTransit: 'warn',
    auditLogging: 'warn',
    adminPortsFromInternet: 'warn',
    databasePortsFromInternet: 'warn',
    requiredTags: 'warn',
    publicExposure: 'warn',
  },
  gdpr: {
    encryptionAtRest: 'fail',
    encryptionInTransit: 'fail',
    auditLogging: 'warn',
    adminPortsFromInternet: 'fail',
    databasePortsFromInternet: 'fail',
    requiredTags: 'warn',
    publicExposure: 'warn',
  },
  soc2: {
    encryptionAtRest: 'fail',
    encryptionInTransit: 'fail',
    auditLogging: 'fail',
    adminPortsFromInternet: 'fail',
    databasePortsFromInternet: 'fail',
    requiredTags: 'warn',
    publicExposure: 'warn',
  },
  hipaa: {
    encryptionAtRest: 'fail',
    encryptionInTransit: 'fail',
    auditLogging: 'fail',
    adminPortsFromInternet: 'fail',
    databasePortsFromInternet: 'fail',
    requiredTags: 'warn',
    publicExposure: 'warn',
  },
};
