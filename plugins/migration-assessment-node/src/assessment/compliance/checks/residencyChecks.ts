import {
  checkRegionResidency,
  residencyConflict,
  type AssessmentComplianceCheck,
} from '@sirsi-nexus/plugin-migration-common';
import type { PlannedEstate } from '../PlannedEstate';
import { complianceCheck, findings, names } from './complianceCheck';

/** Whether the target region lies in the profile's residency area (none when it has no policy). */
export function regionResidencyCheck({
  profile,
  target,
}: PlannedEstate): AssessmentComplianceCheck | undefined {
  const residency = checkRegionResidency(
    profile,
    target.provider,
    target.region,
  );
  if (!residency) return undefined;
  return complianceCheck({
    id: 'residency',
    title: 'Data residency of the target region',
    status: residency.status,
    message: residency.message,
    remediation: residency.status !== 'pass' && residency.remediation,
    resourceIds: [],
  });
}

/** Whether the residency tags of the resources allow the target region (none without tags). */
export function resourceResidencyCheck({
  target,
  resources,
}: PlannedEstate): AssessmentComplianceCheck | undefined {
  const tagged = findings(resources, r =>
    residencyConflict(r.tags, target.provider, target.region),
  );
  if (tagged.length === 0) return undefined;
  const conflicts = tagged.filter(x => x.found.conflict);
  return complianceCheck({
    id: 'resource-residency',
    title: 'Residency tags of the resources',
    status: conflicts.length > 0 ? 'fail' : 'pass',
    message:
      conflicts.length > 0
        ? `${conflicts.length} resource(s) are tagged to stay out of ${
            target.region
          }: ${names(conflicts.map(x => x.r))}.`
        : `${tagged.length} resource(s) carry residency tags that allow ${target.region}.`,
    remediation:
      conflicts.length > 0 &&
      'Retain these resources, pick a target region their residency tag allows, or get the data owner to change the tag.',
    resourceIds: conflicts.map(x => x.r.id),
  });
}
