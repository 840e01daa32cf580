import type {
  ManifestProgress,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Applies progress records, in order, to a manifest: each replaces its object's fields (all of
 * them but the chunks) and the chunks it carries (by index). Records of objects the manifest does
 * not hold are skipped. For `ManifestStore` implementations that keep records after the saved
 * manifest.
 *
 * @public
 */
export function applyManifestProgress(
  manifest: TransferManifest,
  progress: ManifestProgress[],
): TransferManifest {
  const at = new Map(manifest.objects.map((o, i) => [o.id, i]));
  for (const { object: fields, chunks } of progress) {
    const i = at.get(fields.id);
    if (i === undefined) continue;
    const object = { ...fields, chunks: manifest.objects[i].chunks };
    for (const chunk of chunks) {
      if (object.chunks[chunk.index]?.index === chunk.index) {
        object.chunks[chunk.index] = chunk;
      }
    }
    manifest.objects[i] = object;
  }
  return manifest;
}
