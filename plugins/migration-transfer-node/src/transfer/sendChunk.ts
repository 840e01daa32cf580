import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ManifestChunk,
  ManifestObject,
  TransferItem,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import type { BufferPool } from './bufferPool';
import { verifyWritten } from './verifyOnWrite';
import type { DataMoverOptions } from './DataMoverOptions';
import { chunkSha256 } from './manifest';
import type { TransferStatusTracker } from './statusTracker';
import type { TokenBucket } from './tokenBucket';

/** What sending a chunk uses of the mover. */
export interface ChunkSending {
  options: DataMoverOptions;
  buffers: BufferPool;
  bucket?: TokenBucket;
  tracker: TransferStatusTracker;
  manifest: () => TransferManifest;
  /** Whether the object comes from a stored manifest: the target may hold chunks it does not record. */
  resumed: (objectId: string) => boolean;
  /** Whether the item's chunks are read back and compared as soon as they are written. */
  verifyOnWrite: (item: TransferItem) => boolean;
}

/**
 * Sends one chunk, with `maxChunkAttempts` attempts. Only the data path counts: the chunk's
 * checkpoint is recorded afterwards, on its own.
 */
export async function sendChunk(
  sending: ChunkSending,
  item: TransferItem,
  object: ManifestObject,
  chunk: ManifestChunk,
  signal: AbortSignal,
) {
  const { options, tracker } = sending;
  const maxAttempts = options.maxChunkAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      await sending.buffers.use(buffer =>
        sendChunkOnce(sending, item, object, chunk, signal, buffer),
      );
      return;
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      const retry = attempt < maxAttempts;
      const message = (error as Error).message;
      tracker.error(sending.manifest(), {
        resource: item.name,
        chunk: chunk.index,
        message: `Chunk ${chunk.index} attempt ${attempt}/${maxAttempts}: ${message}`,
        retried: retry,
      });
      options.logger?.warn(
        `Transfer of ${item.name} chunk ${chunk.index} failed (attempt ${attempt}/${maxAttempts}): ${message}`,
      );
      if (!retry) throw error;
      await sleep(
        (options.retryDelayMs ?? 200) * 2 ** (attempt - 1),
        undefined,
        {
          signal,
        },
      );
    }
  }
}

/** One attempt at a chunk: read, hash, skip if the target already holds it, write. */
async function sendChunkOnce(
  sending: ChunkSending,
  item: TransferItem,
  object: ManifestObject,
  chunk: ManifestChunk,
  signal: AbortSignal,
  buffer: Buffer,
) {
  const data = await item.source.read(
    chunk.offset,
    chunk.length,
    signal,
    buffer,
  );
  const digest = chunkSha256(data);
  if (chunk.sha256 && chunk.sha256 !== digest && object.completed) {
    throw new Error(
      `Source chunk ${chunk.index} changed since it was first read`,
    );
  }
  chunk.sha256 = digest;
  if (sending.resumed(object.id) && item.target.existingChunk) {
    const existing = await item.target.existingChunk(object, chunk, signal);
    if (existing?.sha256 === digest) {
      chunk.receipt = existing.receipt;
      chunk.done = true;
      return;
    }
  }
  await sending.bucket?.take(data.length, signal);
  await item.target.writeChunk(object, chunk, data, signal);
  chunk.done = true;
  sending.options.onChunkWritten?.(object.id, chunk);
  sending.tracker.sent(sending.manifest(), data.length);
  if (sending.verifyOnWrite(item)) {
    await verifyWritten(sending, item, object, chunk, data, signal);
  }
}
