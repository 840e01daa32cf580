/*
 * What each compliance profile requires: tags on every resource and how strictly each control
 * is judged.
 */
import type { ComplianceProfile } from '../contract/values';

/** Result of a compliance check. @public */
export type ComplianceStatus = 'pass' | 'warn' | 'fail';

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
  // Called once per resource of an estate: a loop over the keys, no intermediate arrays or sets.
  return required.filter(name => {
    const wanted = name.toLowerCase();
    for (const key of Object.keys(tags)) {
      const value = tags[key];
      if (
        key.toLowerCase() === wanted &&
        value !== undefined &&
        String(value).trim() !== ''
      ) {
        return false;
      }
    }
    return true;
  });
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
