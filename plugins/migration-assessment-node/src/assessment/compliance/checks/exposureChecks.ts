import {
  PROFILE_CONTROLS,
  describePorts,
  internetExposedAdminPorts,
  internetExposedDatabasePorts,
  type AssessmentComplianceCheck,
  type ComplianceStatus,
  type InboundRule,
} from '@sirsi-nexus/plugin-migration-common';
import type { PlannedEstate } from '../PlannedEstate';
import {
  complianceCheck,
  distinctPorts,
  findings,
  names,
  openPorts,
  type PlannedResource,
} from './complianceCheck';

function openPortsCheck(
  resources: readonly PlannedResource[],
  check: {
    id: string;
    title: string;
    portsOf: (ingress: readonly InboundRule[]) => number[];
    status: ComplianceStatus;
    noneOpen: string;
    remediation: string;
  },
): AssessmentComplianceCheck {
  const open = findings(resources, openPorts(check.portsOf));
  return complianceCheck({
    id: check.id,
    title: check.title,
    status: open.length > 0 ? check.status : 'pass',
    message:
      open.length > 0
        ? `${open.length} resource(s) open ${describePorts(
            distinctPorts(open.flatMap(x => x.found)),
          )} to 0.0.0.0/0: ${names(open.map(x => x.r))}.`
        : check.noneOpen,
    remediation: open.length > 0 && check.remediation,
    resourceIds: open.map(x => x.r.id),
  });
}

/** Whether SSH, RDP, WinRM or Telnet is open to the internet. */
export function adminPortsCheck({
  profile,
  resources,
}: PlannedEstate): AssessmentComplianceCheck {
  return openPortsCheck(resources, {
    id: 'admin-ports-internet',
    title: 'No administration ports open to the internet',
    portsOf: internetExposedAdminPorts,
    status: PROFILE_CONTROLS[profile].adminPortsFromInternet,
    noneOpen: 'No SSH, RDP, WinRM or Telnet port is open to the internet.',
    remediation:
      'Replace internet-wide admin rules with a bastion, VPN or the provider session manager (SSM Session Manager, Azure Bastion, IAP TCP forwarding).',
  });
}

/** Whether a database port is open to the internet. */
export function databasePortsCheck({
  profile,
  resources,
}: PlannedEstate): AssessmentComplianceCheck {
  return openPortsCheck(resources, {
    id: 'database-ports-internet',
    title: 'No database ports open to the internet',
    portsOf: internetExposedDatabasePorts,
    status: PROFILE_CONTROLS[profile].databasePortsFromInternet,
    noneOpen: 'No database port is open to the internet.',
    remediation:
      'Allow database ports only from the application subnets or security groups; use private endpoints.',
  });
}

/** Whether a resource is reachable from the internet directly. */
export function publicExposureCheck({
  profile,
  resources,
}: PlannedEstate): AssessmentComplianceCheck {
  const exposed = resources.filter(r => r.publiclyExposed);
  return complianceCheck({
    id: 'public-exposure',
    title: 'Public exposure',
    status:
      exposed.length > 0 ? PROFILE_CONTROLS[profile].publicExposure : 'pass',
    message:
      exposed.length > 0
        ? `${
            exposed.length
          } resource(s) are reachable from the internet: ${names(exposed)}.`
        : 'No resource is reachable from the internet directly.',
    remediation:
      exposed.length > 0 &&
      'Put internet-facing services behind a load balancer with a web application firewall; give the machines private addresses only.',
    resourceIds: exposed.map(r => r.id),
  });
}
