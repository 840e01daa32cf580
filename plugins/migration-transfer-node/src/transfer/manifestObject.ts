import type {
  ManifestObject,
  TransferItem,
} from '@sirsi-nexus/plugin-migration-node';
import { planChunks } from './manifest';

/**
 * A manifest entry for an object not sent yet, cut into chunks of at least `chunkSize` (or the
 * target's minimum part size, whichever is larger).
 */
export function newManifestObject(
  item: TransferItem,
  source: { size: number; version?: string },
  chunkSize: number,
): ManifestObject {
  const plan = planChunks(
    source.size,
    Math.max(chunkSize, item.target.minChunkSize ?? 0),
  );
  return {
    id: item.id,
    name: item.name,
    source: item.source.description,
    target: { description: item.target.description, state: {} },
    size: source.size,
    sourceVersion: source.version,
    chunkSize: plan.chunkSize,
    chunks: plan.chunks,
    state: 'pending',
    completed: false,
    verified: false,
  };
}
