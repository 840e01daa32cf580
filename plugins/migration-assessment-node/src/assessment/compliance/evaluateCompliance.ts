import type {
  AssessmentComplianceCheck,
  ComplianceProfile,
} from '@sirsi-nexus/plugin-migration-common';
import {
  CLEARTEXT_PORTS,
  PLANNED_TAGS,
  PROFILE_CONTROLS,
  REQUIRED_TAGS,
  checkRegionResidency,
  describePorts,
  internetExposedAdminPorts,
  internetExposedCleartextPorts,
  internetExposedDatabasePorts,
  missingTags,
  residencyConflict,
  type ComplianceStatus,
  type InboundRule,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * What the compliance checks judge: the target and the planned state of each resource.
 *
 * @public
 */
export interface PlannedEstate {
  profile: ComplianceProfile;
  target: { provider: string; region: string };
  security: {
    encryptionAtRest: boolean;
    encryptionInTransit: boolean;
    auditLogging: boolean;
  };
  resources: Array<{
    id: string;
    name: string;
    tags: Record<string, string>;
    /** Inbound rules that will apply to the resource (its own and its security groups'). */
    ingress: readonly InboundRule[];
    publiclyExposed?: boolean;
  }>;
}

const LIST_LIMIT = 5;

function names(items: Array<{ name: string }>): string {
  const shown = items.slice(0, LIST_LIMIT).map(i => i.name);
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Evaluates a compliance profile's check list on a planned estate. Every check is present in the
 * result with pass, warn or fail, the resources concerned and a remediation when it does not pass.
 *
 * @public
 */
export function evaluateCompliance(
  estate: PlannedEstate,
): AssessmentComplianceCheck[] {
  const { profile, target, security } = estate;
  const controls = PROFILE_CONTROLS[profile];
  const checks: AssessmentComplianceCheck[] = [];

  const residency = checkRegionResidency(
    profile,
    target.provider,
    target.region,
  );
  if (residency) {
    checks.push({
      id: 'residency',
      title: 'Data residency of the target region',
      status: residency.status,
      message: residency.message,
      ...(residency.remediation && residency.status !== 'pass'
        ? { remediation: residency.remediation }
        : {}),
      resourceIds: [],
    });
  }

  const tagged = estate.resources
    .map(r => ({
      r,
      c: residencyConflict(r.tags, target.provider, target.region),
    }))
    .filter(x => x.c);
  if (tagged.length > 0) {
    const conflicts = tagged.filter(x => x.c!.conflict);
    checks.push({
      id: 'resource-residency',
      title: 'Residency tags of the resources',
      status: conflicts.length > 0 ? 'fail' : 'pass',
      message:
        conflicts.length > 0
          ? `${conflicts.length} resource(s) are tagged to stay out of ${
              target.region
            }: ${names(conflicts.map(x => x.r))}.`
          : `${tagged.length} resource(s) carry residency tags that allow ${target.region}.`,
      ...(conflicts.length > 0
        ? {
            remediation:
              'Retain these resources, pick a target region their residency tag allows, or get the data owner to change the tag.',
          }
        : {}),
      resourceIds: conflicts.map(x => x.r.id),
    });
  }

  checks.push({
    id: 'encryption-at-rest',
    title: 'Encryption at rest',
    status: security.encryptionAtRest ? 'pass' : controls.encryptionAtRest,
    message: security.encryptionAtRest
      ? 'Every target disk, snapshot and bucket is planned with encryption at rest.'
      : 'migration.assessment.security.encryptionAtRest is off: target disks would be unencrypted.',
    ...(security.encryptionAtRest
      ? {}
      : {
          remediation:
            'Set migration.assessment.security.encryptionAtRest to true (provider-managed or customer-managed keys).',
        }),
    resourceIds: [],
  });

  const cleartext = estate.resources
    .map(r => ({ r, ports: internetExposedCleartextPorts(r.ingress) }))
    .filter(x => x.ports.length > 0);
  const cleartextPorts = [...new Set(cleartext.flatMap(x => x.ports))].sort(
    (a, b) => a - b,
  );
  let transitStatus: ComplianceStatus = 'pass';
  let transitMessage =
    'TLS is planned for every endpoint and no clear-text protocol is open to the internet.';
  if (!security.encryptionInTransit) {
    transitStatus = controls.encryptionInTransit;
    transitMessage =
      'migration.assessment.security.encryptionInTransit is off: TLS is not enforced on the target.';
  } else if (cleartext.length > 0) {
    transitStatus = 'warn';
    transitMessage = `TLS is planned, but ${
      cleartext.length
    } resource(s) accept clear-text protocols (${describePorts(
      cleartextPorts,
    )}) from the internet: ${names(cleartext.map(x => x.r))}.`;
  }
  checks.push({
    id: 'encryption-in-transit',
    title: 'Encryption in transit',
    status: transitStatus,
    message: transitMessage,
    ...(transitStatus !== 'pass'
      ? {
          remediation: `Terminate TLS on a load balancer and redirect ${Object.values(
            CLEARTEXT_PORTS,
          ).join(
            '/',
          )} to encrypted protocols; keep migration.assessment.security.encryptionInTransit on.`,
        }
      : {}),
    resourceIds: cleartext.map(x => x.r.id),
  });

  const admin = estate.resources
    .map(r => ({ r, ports: internetExposedAdminPorts(r.ingress) }))
    .filter(x => x.ports.length > 0);
  checks.push({
    id: 'admin-ports-internet',
    title: 'No administration ports open to the internet',
    status: admin.length > 0 ? controls.adminPortsFromInternet : 'pass',
    message:
      admin.length > 0
        ? `${admin.length} resource(s) open ${describePorts(
            [...new Set(admin.flatMap(x => x.ports))].sort((a, b) => a - b),
          )} to 0.0.0.0/0: ${names(admin.map(x => x.r))}.`
        : 'No SSH, RDP, WinRM or Telnet port is open to the internet.',
    ...(admin.length > 0
      ? {
          remediation:
            'Replace internet-wide admin rules with a bastion, VPN or the provider session manager (SSM Session Manager, Azure Bastion, IAP TCP forwarding).',
        }
      : {}),
    resourceIds: admin.map(x => x.r.id),
  });

  const db = estate.resources
    .map(r => ({ r, ports: internetExposedDatabasePorts(r.ingress) }))
    .filter(x => x.ports.length > 0);
  checks.push({
    id: 'database-ports-internet',
    title: 'No database ports open to the internet',
    status: db.length > 0 ? controls.databasePortsFromInternet : 'pass',
    message:
      db.length > 0
        ? `${db.length} resource(s) open ${describePorts(
            [...new Set(db.flatMap(x => x.ports))].sort((a, b) => a - b),
          )} to 0.0.0.0/0: ${names(db.map(x => x.r))}.`
        : 'No database port is open to the internet.',
    ...(db.length > 0
      ? {
          remediation:
            'Allow database ports only from the application subnets or security groups; use private endpoints.',
        }
      : {}),
    resourceIds: db.map(x => x.r.id),
  });

  checks.push({
    id: 'audit-logging',
    title: 'Audit logging',
    status: security.auditLogging ? 'pass' : controls.auditLogging,
    message: security.auditLogging
      ? 'Control-plane audit logging (CloudTrail / Activity Log / Cloud Audit Logs) is planned for the target.'
      : 'migration.assessment.security.auditLogging is off: control-plane changes on the target would not be audited.',
    ...(security.auditLogging
      ? {}
      : {
          remediation:
            'Set migration.assessment.security.auditLogging to true and keep the logs for the retention your profile demands.',
        }),
    resourceIds: [],
  });

  const required = REQUIRED_TAGS[profile];
  if (required.length > 0) {
    const missing = estate.resources
      .map(r => ({ r, missing: missingTags(r.tags, required) }))
      .filter(x => x.missing.length > 0);
    checks.push({
      id: 'required-tags',
      title: `Required tags (${[...PLANNED_TAGS, ...required].join(', ')})`,
      status: missing.length > 0 ? controls.requiredTags : 'pass',
      message:
        missing.length > 0
          ? `${missing.length} resource(s) lack ${[
              ...new Set(missing.flatMap(x => x.missing)),
            ].join(', ')}: ${names(
              missing.map(x => x.r),
            )}. (${PLANNED_TAGS.join(
              ', ',
            )} are added by the generated infrastructure.)`
          : `Every resource carries ${required.join(', ')}; ${PLANNED_TAGS.join(
              ', ',
            )} are added by the generated infrastructure.`,
      ...(missing.length > 0
        ? {
            remediation:
              'Add the missing tags at the source (or in the inventory) so discovery and the generated infrastructure carry them.',
          }
        : {}),
      resourceIds: missing.map(x => x.r.id),
    });
  }

  const exposed = estate.resources.filter(r => r.publiclyExposed);
  checks.push({
    id: 'public-exposure',
    title: 'Public exposure',
    status: exposed.length > 0 ? controls.publicExposure : 'pass',
    message:
      exposed.length > 0
        ? `${
            exposed.length
          } resource(s) are reachable from the internet: ${names(exposed)}.`
        : 'No resource is reachable from the internet directly.',
    ...(exposed.length > 0
      ? {
          remediation:
            'Put internet-facing services behind a load balancer with a web application firewall; give the machines private addresses only.',
        }
      : {}),
    resourceIds: exposed.map(r => r.id),
  });

  return checks;
}
