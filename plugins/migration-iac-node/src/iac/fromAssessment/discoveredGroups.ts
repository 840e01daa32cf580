import type { IacInstance, IacSecurityGroup, IacSecurityRule } from '../model';
import { isCidr } from '../validateModel';
import type { AdapterContext } from './adapterContext';

/**
 * The discovered security groups of the machines, with their inbound rules. A group belongs to
 * the network of the first machine that has it; other networks' machines go without it.
 */
export function discoveredGroups(
  ctx: AdapterContext,
  instances: Map<string, IacInstance>,
  subnetNetwork: Map<string, string>,
): Map<string, IacSecurityGroup> {
  const groups = new Map<string, IacSecurityGroup>();
  for (const [id, instance] of instances) {
    const networkKey = subnetNetwork.get(instance.subnetKey)!;
    for (const group of ctx.depsOfKind(ctx.find(id), 'security-group')) {
      if (!groups.has(group.externalId)) {
        groups.set(group.externalId, {
          key: group.externalId,
          name: group.name,
          networkKey,
          ingress: [],
          ...(ctx.sameCloud ? { sourceId: group.externalId } : {}),
        });
      }
      if (groups.get(group.externalId)!.networkKey === networkKey) {
        instance.securityGroupKeys.push(group.externalId);
      } else {
        ctx.warnings.push(
          `${instance.name}: security group ${group.name} belongs to another network and is left off`,
        );
      }
    }
  }
  for (const group of groups.values()) {
    group.ingress.push(...discoveredRules(ctx, group, groups));
  }
  return groups;
}

/**
 * A group's discovered rules; source groups outside the migration are left out (with a
 * warning), and so is a rule left with no source at all.
 */
function discoveredRules(
  ctx: AdapterContext,
  group: IacSecurityGroup,
  groups: Map<string, IacSecurityGroup>,
): IacSecurityRule[] {
  const rules: IacSecurityRule[] = [];
  for (const rule of ctx.find(group.key)!.specs.ingress ?? []) {
    const sourceGroupKeys = (rule.sourceGroups ?? []).filter(k =>
      groups.has(k),
    );
    const dropped = (rule.sourceGroups ?? []).length - sourceGroupKeys.length;
    if (dropped > 0) {
      ctx.warnings.push(
        `${group.name}: ${dropped} source group(s) of a rule are not part of the migration and are left out`,
      );
    }
    const sources = (rule.sources ?? []).filter(isCidr);
    if (sources.length + sourceGroupKeys.length === 0) continue;
    rules.push({
      protocol: rule.protocol,
      ...(rule.protocol === 'tcp' || rule.protocol === 'udp'
        ? {
            fromPort: rule.fromPort ?? 0,
            toPort: rule.toPort ?? rule.fromPort ?? 65535,
          }
        : {}),
      ...(sources.length ? { sources } : {}),
      ...(sourceGroupKeys.length ? { sourceGroupKeys } : {}),
      ...(rule.description ? { description: rule.description } : {}),
    });
  }
  return rules;
}
