import { hcl, type HclBodyItem } from '../../hcl/document';
import { toGcpLabel } from '../../hcl/identifiers';
import { resourceTags } from '../context';
import type { WaveWriting } from '../waveWriter';

/** GCP labels: sanitised keys and values; at most 64 labels. */
export function gcpLabels(
  tags: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (Object.keys(out).length >= 64) break;
    out[toGcpLabel(key, 'key')] = toGcpLabel(value, 'value');
  }
  return out;
}

/**
 * The `labels` of a resource, after a blank line; nothing when it has none of its own (owner,
 * migration-id and wave come from the provider's `default_labels`).
 */
export function gcpLabelsAttr(
  w: WaveWriting,
  extra: Record<string, string> = {},
): HclBodyItem[] {
  const labels = gcpLabels(resourceTags(w.model, extra));
  return Object.keys(labels).length > 0
    ? [hcl.blank(), hcl.attr('labels', hcl.stringMap(labels))]
    : [];
}

/** Firewall rules select machines by network tag; each security group is one tag. */
export function gcpGroupTag(w: WaveWriting, groupKey: string): string {
  return w.cloudName(
    'network-tag',
    groupKey,
    `sg-${w.index.securityGroups.get(groupKey)!.name}`,
  );
}
