import { hcl, type HclBlock, type HclBodyItem } from '../../hcl/document';
import type { IacSecurityGroup, IacSecurityRule } from '../../model';
import type { WaveWriting } from '../waveWriter';
import { awsLookupTags, awsTags } from './awsTags';

const { attr, block, blank, expr, str, num } = hcl;

/** Characters AWS accepts in security group names and descriptions. */
function awsDescription(text: string): string {
  return text
    .replace(/[^A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, ' ')
    .slice(0, 255);
}

/**
 * A security group, one ingress rule per source and one egress rule for all outbound traffic.
 * Rules carry no `tags` of their own: the provider's `default_tags` give them the required ones
 * (the policy check reads those), and a `Name` per rule made up a sixth of the parse-back time of
 * a large wave's `security.tf`, which holds one rule per dependent machine.
 */
export function awsSecurityGroup(
  w: WaveWriting,
  group: IacSecurityGroup,
): HclBlock[] {
  const sgId = w.id('sg', group.key);
  const sgName = w.cloudName('aws_security_group', group.key, group.name);
  const groupId = () => expr(`aws_security_group.${sgId}.id`);
  const blocks: HclBlock[] = [
    block(
      'resource',
      ['aws_security_group', sgId],
      [
        attr('name', str(sgName)),
        attr(
          'description',
          str(
            awsDescription(
              group.description ?? `Migrated security group ${group.name}`,
            ),
          ),
        ),
        attr('vpc_id', expr(w.ref.network(group.networkKey))),
        blank(),
        awsTags(w, group.name, { 'resource-key': group.key }),
      ],
    ),
  ];
  let n = 0;
  for (const rule of group.ingress) {
    for (const source of ruleSources(w, rule)) {
      n++;
      blocks.push(
        block(
          'resource',
          ['aws_vpc_security_group_ingress_rule', `${sgId}_in_${n}`],
          [
            attr('security_group_id', groupId()),
            ...protocolAttrs(rule),
            source,
            ...(rule.description
              ? [attr('description', str(awsDescription(rule.description)))]
              : []),
          ],
        ),
      );
    }
  }
  blocks.push(
    block(
      'resource',
      ['aws_vpc_security_group_egress_rule', `${sgId}_egress_all`],
      [
        attr('security_group_id', groupId()),
        attr('ip_protocol', str('-1')),
        attr('cidr_ipv4', str('0.0.0.0/0')),
        attr('description', str('Outbound traffic')),
      ],
    ),
  );
  return blocks;
}

export function awsSecurityGroupLookup(
  w: WaveWriting,
  group: IacSecurityGroup,
): HclBlock {
  return block(
    'data',
    ['aws_security_group', w.id('sg', group.key)],
    [
      attr('vpc_id', expr(w.ref.network(group.networkKey))),
      attr(
        'tags',
        awsLookupTags(w, group.key, w.ownership.securityGroups.get(group.key)!),
      ),
    ],
  );
}

/** One source attribute per CIDR block and per source group. */
function ruleSources(w: WaveWriting, rule: IacSecurityRule): HclBodyItem[] {
  return [
    ...(rule.sources ?? []).map(cidr =>
      cidr.includes(':')
        ? attr('cidr_ipv6', str(cidr))
        : attr('cidr_ipv4', str(cidr)),
    ),
    ...(rule.sourceGroupKeys ?? []).map(key =>
      attr('referenced_security_group_id', expr(w.ref.securityGroup(key))),
    ),
  ];
}

function protocolAttrs(rule: IacSecurityRule): HclBodyItem[] {
  if (rule.protocol === 'all') return [attr('ip_protocol', str('-1'))];
  if (rule.protocol === 'icmp') {
    return [
      attr('ip_protocol', str('icmp')),
      attr('from_port', num(-1)),
      attr('to_port', num(-1)),
    ];
  }
  return [
    attr('ip_protocol', str(rule.protocol)),
    attr('from_port', num(rule.fromPort!)),
    attr('to_port', num(rule.toPort ?? rule.fromPort!)),
  ];
}
