/*
 * The compliance primitives the IaC policy checks apply: the assessment's own rules (admin and
 * database ports, internet exposure, residency per profile, required tags, per-profile severity),
 * so the plan and the generated Terraform are judged by one definition.
 */
import type {
  ComplianceProfile,
  IacCheckStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  ADMIN_PORTS,
  DATABASE_PORTS,
  PLANNED_TAGS,
  PROFILE_CONTROLS,
  REQUIRED_TAGS as PROFILE_REQUIRED_TAGS,
  checkRegionResidency,
  isOpenToInternet,
  type ComplianceControls,
} from '@sirsi-nexus/plugin-migration-common';

export { PLANNED_TAGS, PROFILE_REQUIRED_TAGS, isOpenToInternet };

/** Ports that may face the internet without a warning. */
export const PUBLIC_WEB_PORTS: ReadonlySet<number> = new Set([80, 443]);

/** How severe an unmet control is under a profile (`none` only warns, as in the assessment). */
export function severity(
  profile: ComplianceProfile | undefined,
  control: keyof ComplianceControls,
): 'warn' | 'fail' {
  return PROFILE_CONTROLS[profile ?? 'none'][control] === 'fail'
    ? 'fail'
    : 'warn';
}

/** The admin and database ports inside an inclusive port range. */
export function sensitivePortsIn(from: number, to: number) {
  const found: Array<{
    port: number;
    name: string;
    kind: 'admin' | 'database';
  }> = [];
  for (const [port, name] of Object.entries(ADMIN_PORTS)) {
    if (Number(port) >= from && Number(port) <= to) {
      found.push({ port: Number(port), name, kind: 'admin' });
    }
  }
  for (const [port, name] of Object.entries(DATABASE_PORTS)) {
    if (Number(port) >= from && Number(port) <= to) {
      found.push({ port: Number(port), name, kind: 'database' });
    }
  }
  return found.sort((a, b) => a.port - b.port);
}

/**
 * Judges a target region: against `allowed` (from `migration.iac.allowedRegions`) when given,
 * else against the profile's residency list.
 */
export function judgeRegion(
  profile: ComplianceProfile | undefined,
  provider: string,
  region: string,
  allowed?: string[],
): { status: IacCheckStatus; message: string; remediation?: string } {
  if (allowed && allowed.length > 0) {
    return allowed.includes(region)
      ? {
          status: 'pass',
          message: `${region} is in migration.iac.allowedRegions`,
        }
      : {
          status: 'fail',
          message: `${provider} region ${region} is not in migration.iac.allowedRegions (${allowed.join(
            ', ',
          )})`,
          remediation: 'Choose one of the allowed regions',
        };
  }
  return (
    checkRegionResidency(profile ?? 'none', provider, region) ?? {
      status: 'pass',
      message: `no residency requirement for profile ${profile ?? 'none'}`,
    }
  );
}
