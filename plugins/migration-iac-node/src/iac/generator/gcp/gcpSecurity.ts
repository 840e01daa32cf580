import { hcl, type HclBlock } from '../../hcl/document';
import type { IacSecurityGroup, IacSecurityRule } from '../../model';
import type { WaveWriting } from '../waveWriter';
import { gcpGroupTag } from './gcpLabels';

const { attr, block, blank, expr, str, strings } = hcl;

function firewallAllow(rule: IacSecurityRule): HclBlock {
  if (rule.protocol === 'all' || rule.protocol === 'icmp') {
    return block('allow', [], [attr('protocol', str(rule.protocol))]);
  }
  const to = rule.toPort ?? rule.fromPort!;
  return block(
    'allow',
    [],
    [
      attr('protocol', str(rule.protocol)),
      attr(
        'ports',
        strings([
          to === rule.fromPort
            ? String(rule.fromPort)
            : `${rule.fromPort}-${to}`,
        ]),
      ),
    ],
  );
}

/**
 * A security group as firewall rules, one per model rule, targeting the group's network tag.
 * Firewall rules are created, never imported: a group with a `sourceId` gets a warning.
 */
export function gcpFirewallRules(
  w: WaveWriting,
  group: IacSecurityGroup,
): HclBlock[] {
  const sgId = w.id('sg', group.key);
  const blocks = group.ingress.map((rule, n) => {
    const name = w.cloudName(
      'google_compute_firewall',
      `${group.key}\u0000${n}`,
      `${group.name}-in-${n + 1}`,
    );
    const sourceTags = (rule.sourceGroupKeys ?? []).map(key =>
      gcpGroupTag(w, key),
    );
    return block(
      'resource',
      ['google_compute_firewall', `${sgId}_in_${n + 1}`],
      [
        attr('name', str(name)),
        attr('network', expr(w.ref.network(group.networkKey))),
        attr('direction', str('INGRESS')),
        ...(rule.description
          ? [attr('description', str(rule.description))]
          : []),
        ...(rule.sources?.length
          ? [attr('source_ranges', strings(rule.sources))]
          : []),
        ...(sourceTags.length
          ? [attr('source_tags', strings(sourceTags))]
          : []),
        attr('target_tags', strings([gcpGroupTag(w, group.key)])),
        blank(),
        firewallAllow(rule),
      ],
    );
  });
  if (group.sourceId) {
    w.warnings.push(
      `Security group "${group.name}" maps to firewall rules, which are created rather than imported`,
    );
  }
  return blocks;
}
