import type {
  ManifestChunk,
  ManifestObject,
  TransferItem,
} from '@sirsi-nexus/plugin-migration-node';
import type { BufferPool } from './bufferPool';
import { chunkSha256 } from './manifest';
import type { TokenBucket } from './tokenBucket';

/** What reading an object back from its target uses. */
export interface ReadBack {
  item: TransferItem;
  object: ManifestObject;
  /** The chunks to read back (those not verified yet). */
  chunks: ManifestChunk[];
  concurrency: number;
  buffers: BufferPool;
  /** Read-back counts against the bandwidth limit too. */
  bucket?: TokenBucket;
  /** Awaited before each chunk is read (the checkpoint's backpressure). */
  beforeChunk?: () => Promise<void>;
  /** Called after every chunk read back, whether it matches the source. */
  onRead: (chunk: ManifestChunk, matches: boolean) => void;
  signal?: AbortSignal;
}

/**
 * Reads chunks of an object back from the target with `concurrency` workers, marks those equal
 * to the source as verified, and returns those whose length or digest differ, by index.
 */
export async function readBackChunks(options: ReadBack) {
  const { item, object, buffers, bucket, signal } = options;
  const queue = [...options.chunks];
  const bad: ManifestChunk[] = [];
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      signal?.throwIfAborted();
      await options.beforeChunk?.();
      await bucket?.take(chunk.length, signal);
      const matches = await buffers.use(async buffer => {
        const data = await item.target.readBack(object, chunk, signal, buffer);
        return (
          data.length === chunk.length && chunkSha256(data) === chunk.sha256
        );
      });
      if (matches) chunk.verified = true;
      else bad.push(chunk);
      options.onRead(chunk, matches);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, queue.length) }, worker),
  );
  return bad.sort((a, b) => a.index - b.index);
}
