import { hcl, type HclBlock } from '../../hcl/document';
import type { IacSecurityGroup, IacSecurityRule } from '../../model';
import type { AzureWaveScope } from './azureWaveScope';

const { attr, block, blank, expr, str, num, strings } = hcl;

/** Priorities run from 100 to 4096 in steps of 10. */
const MAX_RULES_PER_GROUP = 399;

const PROTOCOLS: Record<IacSecurityRule['protocol'], string> = {
  tcp: 'Tcp',
  udp: 'Udp',
  icmp: 'Icmp',
  all: '*',
};

function portRange(rule: IacSecurityRule): string {
  if (rule.protocol === 'all' || rule.protocol === 'icmp') return '*';
  const to = rule.toPort ?? rule.fromPort!;
  return to === rule.fromPort
    ? String(rule.fromPort)
    : `${rule.fromPort}-${to}`;
}

/**
 * A network security group with one inbound rule per model rule. A rule whose sources are only
 * groups without machines allows nothing and is left out, with a warning.
 */
export function azureSecurityGroup(
  azure: AzureWaveScope,
  group: IacSecurityGroup,
): HclBlock[] {
  const { w } = azure;
  const sgId = w.id('sg', group.key);
  const blocks: HclBlock[] = [
    block(
      'resource',
      ['azurerm_network_security_group', sgId],
      [
        attr('name', str(azure.nsgName(group.key))),
        ...azure.placement,
        blank(),
        azure.tags({ 'resource-key': group.key }),
      ],
    ),
  ];
  group.ingress.forEach((rule, n) => {
    const prefixes = [
      ...(rule.sources ?? []),
      ...groupMemberCidrs(azure, rule.sourceGroupKeys ?? []),
    ];
    if (prefixes.length === 0) {
      w.warnings.push(
        `Security group "${group.name}" rule ${
          n + 1
        }: its source groups have no machines, so the rule is left out`,
      );
      return;
    }
    blocks.push(securityRule(azure, sgId, rule, n, prefixes));
  });
  return blocks;
}

function securityRule(
  { rg }: AzureWaveScope,
  sgId: string,
  rule: IacSecurityRule,
  n: number,
  prefixes: string[],
): HclBlock {
  return block(
    'resource',
    ['azurerm_network_security_rule', `${sgId}_in_${n + 1}`],
    [
      attr('name', str(`in-${n + 1}`)),
      attr('priority', num(100 + n * 10)),
      attr('direction', str('Inbound')),
      attr('access', str('Allow')),
      attr('protocol', str(PROTOCOLS[rule.protocol])),
      attr('source_port_range', str('*')),
      attr('destination_port_range', str(portRange(rule))),
      attr('source_address_prefixes', strings([...new Set(prefixes)])),
      attr('destination_address_prefix', str('*')),
      ...(rule.description
        ? [attr('description', str(rule.description.slice(0, 140)))]
        : []),
      attr('resource_group_name', expr(`${rg}.name`)),
      attr(
        'network_security_group_name',
        expr(`azurerm_network_security_group.${sgId}.name`),
      ),
    ],
  );
}

/** Azure has no group-to-group rules across interfaces: allow the members' subnets instead. */
function groupMemberCidrs({ w }: AzureWaveScope, keys: string[]): string[] {
  const cidrs = new Set<string>();
  for (const { instance } of w.index.instances) {
    if (instance.securityGroupKeys.some(k => keys.includes(k))) {
      cidrs.add(w.index.subnets.get(instance.subnetKey)!.subnet.cidrBlock);
    }
  }
  return [...cidrs].sort();
}

export function azureSecurityGroupLookup(
  azure: AzureWaveScope,
  group: IacSecurityGroup,
): HclBlock {
  return block(
    'data',
    ['azurerm_network_security_group', azure.w.id('sg', group.key)],
    [
      attr('name', str(azure.nsgName(group.key))),
      attr('resource_group_name', expr(`${azure.rg}.name`)),
    ],
  );
}

/** Warns about groups with more rules than Azure's priorities leave room for. */
export function warnAboutRuleLimits({ w }: AzureWaveScope): void {
  for (const group of w.scope.ownedSecurityGroups) {
    if (group.ingress.length > MAX_RULES_PER_GROUP) {
      w.warnings.push(
        `Security group "${group.name}" has ${group.ingress.length} rules; Azure priorities 100-4096 leave room for ${MAX_RULES_PER_GROUP}`,
      );
    }
  }
}
