import type { NetworkSecurityGroup, SecurityRule } from '@azure/arm-network';
import type { VirtualMachine } from '@azure/arm-compute';
import type { AdmissionRule } from '@sirsi-nexus/plugin-migration-node';
import { armId, type NicInfo } from './azureMapping';

const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;

const lastSegment = (id: string) => id.split('/').pop() ?? id;

function portRanges(rule: SecurityRule): (string | undefined)[] {
  const ranges = [
    rule.destinationPortRange,
    ...(rule.destinationPortRanges ?? []),
  ].filter((r): r is string => !!r && r !== '*');
  return ranges.length > 0 ? ranges : [undefined];
}

function portsOf(range: string | undefined) {
  if (!range) return {};
  const [from, to = from] = range.split('-').map(Number);
  return Number.isInteger(from) && Number.isInteger(to)
    ? { fromPort: from, toPort: to }
    : {};
}

/** What a rule admits: application security groups, or address prefixes (the specific ones count). */
function sourcesOf(rule: SecurityRule) {
  return [
    ...(rule.sourceApplicationSecurityGroups ?? [])
      .map(g => armId(g.id))
      .filter((id): id is string => !!id)
      .map(id => ({
        source: { label: `asg:${id}` },
        text: `application security group ${lastSegment(id)}`,
      })),
    ...[rule.sourceAddressPrefix, ...(rule.sourceAddressPrefixes ?? [])]
      .filter((p): p is string => !!p)
      .map(cidr => ({ source: { cidr }, text: cidr })),
  ];
}

/**
 * The admissions of a network security group's inbound allow rules: from source application
 * security groups or address prefixes to the destination application security groups, or to
 * every VM the NSG applies to (through its NICs or subnets) when the rule names none.
 */
export function nsgAdmissions(nsg: NetworkSecurityGroup): AdmissionRule[] {
  const nsgId = armId(nsg.id);
  if (!nsgId) return [];
  const rules: AdmissionRule[] = [];
  for (const rule of nsg.securityRules ?? []) {
    if (rule.direction !== 'Inbound' || rule.access !== 'Allow') continue;
    const destinations = (rule.destinationApplicationSecurityGroups ?? [])
      .map(g => armId(g.id))
      .filter((id): id is string => !!id)
      .map(id => `asg:${id}`);
    const targets = destinations.length > 0 ? destinations : [`nsg:${nsgId}`];
    const protocol =
      PROTOCOLS.find(p => p === rule.protocol?.toLowerCase()) ??
      ('all' as const);
    for (const range of portRanges(rule)) {
      for (const target of targets) {
        for (const { source, text } of sourcesOf(rule)) {
          rules.push({
            target,
            source,
            protocol,
            ...portsOf(range),
            evidence: `derived from network security group ${nsg.name} rule ${
              rule.name
            } ${protocol}${range ? `/${range}` : ''} from ${text}`,
          });
        }
      }
    }
  }
  return rules;
}

/** The NSG of each subnet it is associated with (lower-case ids). */
export function subnetNsgs(
  nsg: NetworkSecurityGroup,
  into: Map<string, string>,
) {
  const nsgId = armId(nsg.id);
  for (const subnet of nsg.subnets ?? []) {
    const id = armId(subnet.id);
    if (id && nsgId) into.set(id, nsgId);
  }
}

/** The labels NSG rules select a VM by: its NICs' application security groups and NSGs. */
export function vmLabels(
  vm: VirtualMachine,
  nics: Map<string, NicInfo>,
  nsgOfSubnet: Map<string, string>,
): string[] {
  const labels = new Set<string>();
  for (const ref of vm.networkProfile?.networkInterfaces ?? []) {
    const nic = nics.get(armId(ref.id) ?? '');
    if (!nic) continue;
    for (const asg of nic.asgIds ?? []) labels.add(`asg:${asg}`);
    if (nic.nsgId) labels.add(`nsg:${nic.nsgId}`);
    for (const subnet of nic.subnetIds) {
      const nsg = nsgOfSubnet.get(subnet);
      if (nsg) labels.add(`nsg:${nsg}`);
    }
  }
  return [...labels];
}
