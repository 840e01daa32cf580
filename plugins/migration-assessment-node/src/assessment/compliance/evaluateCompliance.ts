import type { AssessmentComplianceCheck } from '@sirsi-nexus/plugin-migration-common';
import {
  adminPortsCheck,
  databasePortsCheck,
  publicExposureCheck,
} from './checks/exposureChecks';
import {
  encryptionAtRestCheck,
  encryptionInTransitCheck,
} from './checks/encryptionChecks';
import {
  auditLoggingCheck,
  requiredTagsCheck,
} from './checks/governanceChecks';
import {
  regionResidencyCheck,
  resourceResidencyCheck,
} from './checks/residencyChecks';
import type { PlannedEstate } from './PlannedEstate';

export type { PlannedEstate } from './PlannedEstate';

/** The checks in the order they are reported; a check that does not apply returns undefined. */
const CHECKS: ReadonlyArray<
  (estate: PlannedEstate) => AssessmentComplianceCheck | undefined
> = [
  regionResidencyCheck,
  resourceResidencyCheck,
  encryptionAtRestCheck,
  encryptionInTransitCheck,
  adminPortsCheck,
  databasePortsCheck,
  auditLoggingCheck,
  requiredTagsCheck,
  publicExposureCheck,
];

/**
 * Evaluates a compliance profile's check list on a planned estate. Every check is present in the
 * result with pass, warn or fail, the resources concerned and a remediation when it does not pass.
 *
 * @public
 */
export function evaluateCompliance(
  estate: PlannedEstate,
): AssessmentComplianceCheck[] {
  return CHECKS.map(check => check(estate)).filter(
    (c): c is AssessmentComplianceCheck => c !== undefined,
  );
}
