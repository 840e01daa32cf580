import { hcl, type HclAttribute, type HclValue } from '../../hcl/document';
import { resourceTags } from '../context';
import type { WaveWriting } from '../waveWriter';

/**
 * The `tags` of an AWS resource: its `Name` and what it adds; owner, migration-id and wave come
 * from the provider's `default_tags`.
 */
export function awsTags(
  w: WaveWriting,
  name: string,
  extra: Record<string, string> = {},
): HclAttribute {
  return hcl.attr(
    'tags',
    hcl.stringMap(resourceTags(w.model, { ...extra, Name: name })),
  );
}

/** Tags that find a network, subnet or group an earlier wave created. */
export function awsLookupTags(
  w: WaveWriting,
  key: string,
  ownerWave: number,
): HclValue {
  return hcl.stringMap({
    'migration-id': w.model.migrationId,
    'resource-key': key,
    wave: String(ownerWave),
  });
}
