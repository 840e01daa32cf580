import type {
  ManifestChunk,
  ManifestObject,
  TransferItem,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';
import type { ChunkSending } from './sendChunk';

/**
 * A target whose chunks can be read back as soon as they are written, before `complete` (a local
 * file: `complete` only renames it). The mover then verifies each chunk right after writing it,
 * while the source's bytes are still in memory, instead of in a pass after completion.
 */
export interface ReadableBeforeComplete {
  readonly readableBeforeComplete: true;
}

/** Whether `target` can read a chunk back before the object is complete. */
export function readableBeforeComplete(
  target: TransferTarget,
): target is TransferTarget & ReadableBeforeComplete {
  return (
    (target as Partial<ReadableBeforeComplete>).readableBeforeComplete === true
  );
}

/**
 * Reads a chunk just written back from the target into a buffer of its own and compares its
 * bytes with the source's still in `data`: equal bytes mark it verified (a byte comparison proves
 * at least what equal digests prove, without a second SHA-256). A chunk that differs stays
 * unverified: the verification pass after completion reads it back again, reports it and sends
 * it again, as for any other target.
 */
export async function verifyWritten(
  sending: ChunkSending,
  item: TransferItem,
  object: ManifestObject,
  chunk: ManifestChunk,
  data: Buffer,
  signal: AbortSignal,
) {
  await sending.bucket?.take(chunk.length, signal);
  const matches = await sending.buffers.use(async buffer => {
    const back = await item.target.readBack(object, chunk, signal, buffer);
    return back.length === data.length && back.equals(data);
  });
  if (!matches) return;
  chunk.verified = true;
  sending.tracker.verified(sending.manifest(), chunk.length);
  sending.options.onChunkVerified?.(object.id, chunk);
}
