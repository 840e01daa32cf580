import { hcl, type HclAttribute, type HclBodyItem } from '../../hcl/document';
import { requiredTags } from '../context';
import type { WaveWriting } from '../waveWriter';

/** What every Azure block of a wave shares. */
export interface AzureWaveScope {
  w: WaveWriting;
  /** The first wave creates the migration's resource group; later waves look it up. */
  ownsGroup: boolean;
  /** Address of the resource group: `azurerm_resource_group.migration` or its data source. */
  rg: string;
  /** `location` and `resource_group_name` of a resource in the group. */
  placement: HclBodyItem[];
  tags(extra?: Record<string, string>): HclAttribute;
  vnetName(networkKey: string): string;
  nsgName(groupKey: string): string;
}

/** Azure tag names may not contain `<>%&\?/`; values are at most 256 characters. */
function azureTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    out[key.replace(/[<>%&\\?/]/g, '_').slice(0, 512)] = value.slice(0, 256);
  }
  return out;
}

export function azureWaveScope(w: WaveWriting): AzureWaveScope {
  const firstWave = Math.min(...w.model.waves.map(wave => wave.number));
  const ownsGroup = w.wave === firstWave;
  const rg = ownsGroup
    ? 'azurerm_resource_group.migration'
    : 'data.azurerm_resource_group.migration';
  return {
    w,
    ownsGroup,
    rg,
    placement: [
      hcl.attr('location', hcl.expr(`${rg}.location`)),
      hcl.attr('resource_group_name', hcl.expr(`${rg}.name`)),
    ],
    tags: (extra = {}) =>
      hcl.attr(
        'tags',
        hcl.stringMap(azureTags(requiredTags(w.model, w.wave, extra))),
      ),
    vnetName: key =>
      w.cloudName(
        'azurerm_virtual_network',
        key,
        w.index.networks.get(key)!.name,
      ),
    nsgName: key =>
      w.cloudName(
        'azurerm_network_security_group',
        key,
        w.index.securityGroups.get(key)!.name,
      ),
  };
}
