import type { Instance, SecurityGroup } from '@aws-sdk/client-ec2';
import type { AdmissionRule } from '@sirsi-nexus/plugin-migration-node';

const PROTOCOLS = ['tcp', 'udp', 'icmp'] as const;

function portText(protocol: string, from?: number, to?: number) {
  if (from === undefined) return protocol;
  return to === undefined || to === from
    ? `${protocol}/${from}`
    : `${protocol}/${from}-${to}`;
}

/**
 * The inbound rules of a security group that admit another group (`UserIdGroupPairs`) or a
 * narrow address block: each implies that the members of the source depend on the group's
 * members, on the rule's port.
 */
export function securityGroupAdmissions(group: SecurityGroup): AdmissionRule[] {
  const rules: AdmissionRule[] = [];
  const target = group.GroupId;
  if (!target) return rules;
  for (const permission of group.IpPermissions ?? []) {
    const protocol =
      PROTOCOLS.find(p => p === permission.IpProtocol) ?? ('all' as const);
    const fromPort =
      permission.FromPort !== undefined && permission.FromPort >= 0
        ? permission.FromPort
        : undefined;
    const toPort =
      permission.ToPort !== undefined && permission.ToPort >= 0
        ? permission.ToPort
        : undefined;
    const ports = portText(protocol, fromPort, toPort);
    const rule = { target, protocol, fromPort, toPort };
    for (const pair of permission.UserIdGroupPairs ?? []) {
      if (!pair.GroupId) continue;
      rules.push({
        ...rule,
        source: { label: pair.GroupId },
        evidence: `derived from security group ${target} rule ${ports} from ${pair.GroupId}`,
      });
    }
    for (const range of permission.IpRanges ?? []) {
      if (!range.CidrIp) continue;
      rules.push({
        ...rule,
        source: { cidr: range.CidrIp },
        evidence: `derived from security group ${target} rule ${ports} from ${range.CidrIp}`,
      });
    }
  }
  return rules;
}

/** The security groups of an instance: its own and those of all its network interfaces. */
export function instanceGroups(instance: Instance): string[] {
  return [
    ...new Set(
      [
        ...(instance.SecurityGroups ?? []),
        ...(instance.NetworkInterfaces ?? []).flatMap(n => n.Groups ?? []),
      ]
        .map(g => g.GroupId)
        .filter((g): g is string => !!g),
    ),
  ];
}
