import {
  CLEARTEXT_PORTS,
  PROFILE_CONTROLS,
  describePorts,
  internetExposedCleartextPorts,
  type AssessmentComplianceCheck,
  type ComplianceStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { PlannedEstate } from '../PlannedEstate';
import {
  complianceCheck,
  distinctPorts,
  findings,
  names,
  openPorts,
} from './complianceCheck';

/** Whether disks, snapshots and buckets are planned encrypted. */
export function encryptionAtRestCheck({
  profile,
  security,
}: PlannedEstate): AssessmentComplianceCheck {
  const on = security.encryptionAtRest;
  return complianceCheck({
    id: 'encryption-at-rest',
    title: 'Encryption at rest',
    status: on ? 'pass' : PROFILE_CONTROLS[profile].encryptionAtRest,
    message: on
      ? 'Every target disk, snapshot and bucket is planned with encryption at rest.'
      : 'migration.assessment.security.encryptionAtRest is off: target disks would be unencrypted.',
    remediation:
      !on &&
      'Set migration.assessment.security.encryptionAtRest to true (provider-managed or customer-managed keys).',
    resourceIds: [],
  });
}

/** Whether TLS is planned and no clear-text protocol is open to the internet. */
export function encryptionInTransitCheck({
  profile,
  security,
  resources,
}: PlannedEstate): AssessmentComplianceCheck {
  const cleartext = findings(
    resources,
    openPorts(internetExposedCleartextPorts),
  );
  let status: ComplianceStatus = 'pass';
  let message =
    'TLS is planned for every endpoint and no clear-text protocol is open to the internet.';
  if (!security.encryptionInTransit) {
    status = PROFILE_CONTROLS[profile].encryptionInTransit;
    message =
      'migration.assessment.security.encryptionInTransit is off: TLS is not enforced on the target.';
  } else if (cleartext.length > 0) {
    status = 'warn';
    message = `TLS is planned, but ${
      cleartext.length
    } resource(s) accept clear-text protocols (${describePorts(
      distinctPorts(cleartext.flatMap(x => x.found)),
    )}) from the internet: ${names(cleartext.map(x => x.r))}.`;
  }
  return complianceCheck({
    id: 'encryption-in-transit',
    title: 'Encryption in transit',
    status,
    message,
    remediation:
      status !== 'pass' &&
      `Terminate TLS on a load balancer and redirect ${Object.values(
        CLEARTEXT_PORTS,
      ).join(
        '/',
      )} to encrypted protocols; keep migration.assessment.security.encryptionInTransit on.`,
    resourceIds: cleartext.map(x => x.r.id),
  });
}
