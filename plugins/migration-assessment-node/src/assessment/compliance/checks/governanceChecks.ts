import {
  PLANNED_TAGS,
  PROFILE_CONTROLS,
  REQUIRED_TAGS,
  missingTags,
  type AssessmentComplianceCheck,
} from '@sirsi-nexus/plugin-migration-common';
import type { PlannedEstate } from '../PlannedEstate';
import { complianceCheck, findings, names } from './complianceCheck';

/** Whether control-plane audit logging is planned. */
export function auditLoggingCheck({
  profile,
  security,
}: PlannedEstate): AssessmentComplianceCheck {
  const on = security.auditLogging;
  return complianceCheck({
    id: 'audit-logging',
    title: 'Audit logging',
    status: on ? 'pass' : PROFILE_CONTROLS[profile].auditLogging,
    message: on
      ? 'Control-plane audit logging (CloudTrail / Activity Log / Cloud Audit Logs) is planned for the target.'
      : 'migration.assessment.security.auditLogging is off: control-plane changes on the target would not be audited.',
    remediation:
      !on &&
      'Set migration.assessment.security.auditLogging to true and keep the logs for the retention your profile demands.',
    resourceIds: [],
  });
}

/** The distinct tags missing, in the order they are first missed. */
function tagsOf(missing: ReadonlyArray<{ found: string[] }>): Set<string> {
  const tags = new Set<string>();
  for (let i = 0; i < missing.length; i++) {
    const found = missing[i].found;
    for (let k = 0; k < found.length; k++) tags.add(found[k]);
  }
  return tags;
}

/** Whether every resource carries the tags the profile requires (none when it requires none). */
export function requiredTagsCheck({
  profile,
  resources,
}: PlannedEstate): AssessmentComplianceCheck | undefined {
  const required = REQUIRED_TAGS[profile];
  if (required.length === 0) return undefined;
  const missing = findings(resources, r => {
    const absent = missingTags(r.tags, required);
    return absent.length > 0 ? absent : undefined;
  });
  const planned = PLANNED_TAGS.join(', ');
  return complianceCheck({
    id: 'required-tags',
    title: `Required tags (${[...PLANNED_TAGS, ...required].join(', ')})`,
    status:
      missing.length > 0 ? PROFILE_CONTROLS[profile].requiredTags : 'pass',
    message:
      missing.length > 0
        ? `${missing.length} resource(s) lack ${[...tagsOf(missing)].join(
            ', ',
          )}: ${names(
            missing.map(x => x.r),
          )}. (${planned} are added by the generated infrastructure.)`
        : `Every resource carries ${required.join(
            ', ',
          )}; ${planned} are added by the generated infrastructure.`,
    remediation:
      missing.length > 0 &&
      'Add the missing tags at the source (or in the inventory) so discovery and the generated infrastructure carry them.',
    resourceIds: missing.map(x => x.r.id),
  });
}
