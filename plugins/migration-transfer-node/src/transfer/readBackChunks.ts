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
  concurrency: number;
  buffers: BufferPool;
  /** Read-back counts against the bandwidth limit too. */
  bucket?: TokenBucket;
  /** Called with the size of every chunk read back. */
  onVerified: (bytes: number) => void;
  signal?: AbortSignal;
}

/**
 * Reads every chunk of an object back from the target with `concurrency` workers and returns the
 * chunks whose length or digest differ from the source, by index.
 */
export async function readBackChunks(options: ReadBack) {
  const { item, object, buffers, bucket, signal } = options;
  const queue = [...object.chunks];
  const bad: ManifestChunk[] = [];
  const worker = async () => {
    for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
      signal?.throwIfAborted();
      await bucket?.take(chunk.length, signal);
      const matches = await buffers.use(async buffer => {
        const data = await item.target.readBack(object, chunk, signal, buffer);
        return (
          data.length === chunk.length && chunkSha256(data) === chunk.sha256
        );
      });
      if (!matches) bad.push(chunk);
      options.onVerified(chunk.length);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(options.concurrency, queue.length) }, worker),
  );
  return bad.sort((a, b) => a.index - b.index);
}
