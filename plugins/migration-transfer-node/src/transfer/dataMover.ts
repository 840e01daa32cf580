import { setTimeout as sleep } from 'node:timers/promises';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  TransferError,
  TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  chunkSha256,
  compositeSha256,
  emptyManifest,
  planChunks,
} from './manifest';
import type {
  ManifestChunk,
  ManifestObject,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import { TokenBucket } from './tokenBucket';
import { TransferStatusTracker } from './statusTracker';
import type {
  ManifestStore,
  TransferItem,
} from '@sirsi-nexus/plugin-migration-node';

const MiB = 1024 * 1024;

/**
 * Options of {@link DataMover}.
 *
 * @public
 */
export interface DataMoverOptions {
  /** Where the manifest (the resume checkpoint) is kept. */
  store: ManifestStore;
  /** Chunk size in bytes (default 8 MiB; S3 needs at least 5 MiB except for the last part). */
  chunkSize?: number;
  /** Chunks in flight at once (default 4). */
  concurrency?: number;
  /** Bandwidth limit in bytes per second for data sent and read back; unlimited when absent. */
  bandwidthLimitBytesPerSecond?: number;
  /** Attempts per chunk before the transfer fails (default 3). */
  maxChunkAttempts?: number;
  /** First retry delay in milliseconds, doubled per attempt (default 200). */
  retryDelayMs?: number;
  /** Re-read every chunk from the target and compare digests (default true). */
  verify?: boolean;
  /** Rounds of re-sending chunks that failed verification before giving up (default 1). */
  maxRepairs?: number;
  /** Receives the live status, at most every `statusIntervalMs` and at the end. */
  onStatus?: (status: TransferStatus) => void | Promise<void>;
  statusIntervalMs?: number;
  /** Called after every chunk write returns, before it is checkpointed (for instrumentation). */
  onChunkWritten?: (objectId: string, chunk: ManifestChunk) => void;
  logger?: LoggerService;
}

/**
 * Thrown when data at the target does not match the source after the allowed repairs.
 *
 * @public
 */
export class TransferIntegrityError extends Error {
  readonly name = 'TransferIntegrityError';
  constructor(
    message: string,
    readonly objectId: string,
    readonly chunks: number[],
  ) {
    super(message);
  }
}

/**
 * Moves objects from sources to targets in checksummed chunks: concurrent, bandwidth-limited,
 * retrying failed chunks, checkpointing a manifest after every chunk so that a resumed run sends
 * only what was not finished, and verifying by reading the target back.
 *
 * @public
 */
export class DataMover {
  private readonly chunkSize: number;
  private readonly concurrency: number;
  private readonly bucket?: TokenBucket;
  private readonly tracker: TransferStatusTracker;
  private manifest: TransferManifest = emptyManifest();
  /** Objects that come from a stored manifest: the target may hold chunks it does not record. */
  private readonly resumed = new Set<string>();
  /**
   * Chunk buffers for reuse: a fresh multi-MiB buffer per read costs page faults and garbage
   * collection that dominate a fast local copy.
   */
  private readonly buffers: Buffer[] = [];

  private async withBuffer<T>(fn: (buffer: Buffer) => Promise<T>) {
    const buffer = this.buffers.pop() ?? Buffer.allocUnsafeSlow(this.chunkSize);
    try {
      return await fn(buffer);
    } finally {
      this.buffers.push(buffer);
    }
  }

  constructor(private readonly options: DataMoverOptions) {
    this.chunkSize = options.chunkSize ?? 8 * MiB;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    if (options.bandwidthLimitBytesPerSecond) {
      this.bucket = new TokenBucket(
        options.bandwidthLimitBytesPerSecond,
        Math.max(this.chunkSize, 64 * 1024),
      );
    }
    this.tracker = new TransferStatusTracker({
      bandwidthLimitBytesPerSecond: options.bandwidthLimitBytesPerSecond,
      onStatus: options.onStatus,
      intervalMs: options.statusIntervalMs ?? 500,
    });
  }

  /** The current status. */
  status(): TransferStatus {
    return this.tracker.snapshot(this.manifest);
  }

  /**
   * Moves every item, resuming from the stored manifest. Resolves with the final status; rejects
   * (after checkpointing) when cancelled or when a chunk keeps failing.
   */
  async run(
    items: TransferItem[],
    signal?: AbortSignal,
  ): Promise<TransferStatus> {
    const { store } = this.options;
    this.manifest = (await store.load()) ?? emptyManifest();
    this.tracker.start(this.manifest);
    try {
      const prepared: Array<{ item: TransferItem; object: ManifestObject }> =
        [];
      for (const item of items) {
        prepared.push({ item, object: await this.prepare(item, signal) });
      }
      this.manifest.objects = this.manifest.objects.filter(o =>
        items.some(i => i.id === o.id),
      );
      await this.save();
      for (const { item, object } of prepared) {
        signal?.throwIfAborted();
        await this.moveObject(item, object, signal);
      }
      this.tracker.finish(this.manifest, 'completed');
      return this.status();
    } catch (error) {
      await this.save().catch(() => undefined);
      this.tracker.finish(
        this.manifest,
        signal?.aborted ? 'cancelled' : 'failed',
        signal?.aborted ? undefined : (error as Error).message,
      );
      throw error;
    } finally {
      await this.tracker.flush();
      for (const item of items) {
        await item.source.close?.().catch(() => undefined);
        await item.target.close?.().catch(() => undefined);
      }
    }
  }

  private async prepare(item: TransferItem, signal?: AbortSignal) {
    const { size, version } = await item.source.stat(signal);
    let object = this.manifest.objects.find(o => o.id === item.id);
    if (object && (object.size !== size || object.sourceVersion !== version)) {
      this.tracker.error(this.manifest, {
        resource: item.name,
        message: `Source changed since the last run (size ${object.size} → ${size}); sending it again from the start`,
        retried: true,
      });
      await item.target.discard(object, signal);
      this.manifest.objects = this.manifest.objects.filter(o => o !== object);
      object = undefined;
    }
    if (object && !object.completed) {
      this.resumed.add(object.id);
    }
    if (!object) {
      const { chunkSize, chunks } = planChunks(
        size,
        Math.max(this.chunkSize, item.target.minChunkSize ?? 0),
      );
      object = {
        id: item.id,
        name: item.name,
        source: item.source.description,
        target: { description: item.target.description, state: {} },
        size,
        sourceVersion: version,
        chunkSize,
        chunks,
        state: 'pending',
        completed: false,
        verified: false,
      };
      this.manifest.objects.push(object);
    }
    return object;
  }

  private async moveObject(
    item: TransferItem,
    object: ManifestObject,
    signal?: AbortSignal,
  ) {
    if (
      object.completed &&
      (object.verified || this.options.verify === false)
    ) {
      object.state = 'completed';
      return;
    }
    this.tracker.current(item.name);
    object.state = 'running';
    await item.target.begin(object, signal);
    await this.save(item, object);

    for (let repair = 0; ; repair++) {
      await this.sendChunks(
        item,
        object,
        object.chunks.filter(c => !c.done),
        signal,
      );
      if (!object.completed) {
        object.sha256 = compositeSha256(object.chunks);
        const result = await item.target.complete(object, signal);
        if (result?.checksum && result.checksum !== object.sha256) {
          throw new TransferIntegrityError(
            `${item.name}: the target reports checksum ${result.checksum}, expected ${object.sha256}`,
            object.id,
            [],
          );
        }
        object.completed = true;
        await this.save();
      }
      if (this.options.verify === false) break;

      object.state = 'verifying';
      this.tracker.update(this.manifest);
      const bad = await this.verify(item, object, signal);
      if (bad.length === 0) {
        object.verified = true;
        break;
      }
      for (const chunk of bad) {
        this.tracker.error(this.manifest, {
          resource: item.name,
          chunk: chunk.index,
          message: `Chunk ${chunk.index} read back from the target does not match its source digest`,
          retried: repair < (this.options.maxRepairs ?? 1),
        });
      }
      if (repair >= (this.options.maxRepairs ?? 1)) {
        object.state = 'failed';
        await this.save();
        throw new TransferIntegrityError(
          `${item.name}: ${
            bad.length
          } chunk(s) differ at the target after ${repair} repair(s): ${bad
            .map(c => c.index)
            .join(', ')}`,
          object.id,
          bad.map(c => c.index),
        );
      }
      if (item.target.rewritableAfterComplete) {
        for (const chunk of bad) chunk.done = false;
      } else {
        await item.target.discard(object, signal);
        object.completed = false;
        for (const chunk of object.chunks) {
          chunk.done = false;
          chunk.receipt = undefined;
        }
        await item.target.begin(object, signal);
      }
      object.state = 'running';
      await this.save(item, object);
    }
    object.state = 'completed';
    await this.save();
    this.tracker.update(this.manifest);
  }

  /** Runs `chunks` through `concurrency` workers; the first failure stops the others. */
  private async sendChunks(
    item: TransferItem,
    object: ManifestObject,
    chunks: ManifestChunk[],
    signal?: AbortSignal,
  ) {
    const queue = [...chunks];
    const stop = new AbortController();
    const combined = signal
      ? AbortSignal.any([signal, stop.signal])
      : stop.signal;
    const worker = async () => {
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
        combined.throwIfAborted();
        await this.sendChunk(item, object, chunk, combined);
      }
    };
    const workers = Array.from(
      { length: Math.min(this.concurrency, queue.length) },
      () =>
        worker().catch(error => {
          stop.abort(error);
          throw error;
        }),
    );
    const results = await Promise.allSettled(workers);
    await this.save(item, object);
    signal?.throwIfAborted();
    const failed = results.find(r => r.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    if (failed) throw stop.signal.reason ?? failed.reason;
  }

  private async sendChunk(
    item: TransferItem,
    object: ManifestObject,
    chunk: ManifestChunk,
    signal: AbortSignal,
  ) {
    const maxAttempts = this.options.maxChunkAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.withBuffer(buffer =>
          this.sendChunkOnce(item, object, chunk, signal, buffer),
        );
        return;
      } catch (error) {
        if (signal.aborted) throw signal.reason ?? error;
        const retry = attempt < maxAttempts;
        this.tracker.error(this.manifest, {
          resource: item.name,
          chunk: chunk.index,
          message: `Chunk ${chunk.index} attempt ${attempt}/${maxAttempts}: ${
            (error as Error).message
          }`,
          retried: retry,
        });
        this.options.logger?.warn(
          `Transfer of ${item.name} chunk ${
            chunk.index
          } failed (attempt ${attempt}/${maxAttempts}): ${
            (error as Error).message
          }`,
        );
        if (!retry) throw error;
        await sleep(
          (this.options.retryDelayMs ?? 200) * 2 ** (attempt - 1),
          undefined,
          {
            signal,
          },
        );
      }
    }
  }

  /** One attempt at a chunk: read, hash, skip if the target already holds it, write. */
  private async sendChunkOnce(
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
    if (this.resumed.has(object.id) && item.target.existingChunk) {
      const existing = await item.target.existingChunk(object, chunk, signal);
      if (existing?.sha256 === digest) {
        chunk.receipt = existing.receipt;
        chunk.done = true;
        await this.save(item, object);
        return;
      }
    }
    await this.bucket?.take(data.length, signal);
    await item.target.writeChunk(object, chunk, data, signal);
    chunk.done = true;
    this.options.onChunkWritten?.(object.id, chunk);
    this.tracker.sent(this.manifest, data.length);
    await this.save(item, object);
  }

  private async verify(
    item: TransferItem,
    object: ManifestObject,
    signal?: AbortSignal,
  ) {
    const queue = [...object.chunks];
    const bad: ManifestChunk[] = [];
    const worker = async () => {
      for (let chunk = queue.shift(); chunk; chunk = queue.shift()) {
        signal?.throwIfAborted();
        await this.bucket?.take(chunk.length, signal);
        const matches = await this.withBuffer(async buffer => {
          const data = await item.target.readBack(
            object,
            chunk,
            signal,
            buffer,
          );
          return (
            data.length === chunk.length && chunkSha256(data) === chunk.sha256
          );
        });
        if (!matches) bad.push(chunk);
        this.tracker.verified(this.manifest, chunk.length);
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(this.concurrency, queue.length) }, worker),
    );
    return bad.sort((a, b) => a.index - b.index);
  }

  private saving?: Promise<void>;
  private saveAgain = false;

  /**
   * Checkpoints the manifest. The snapshot is taken before the target is flushed, so every chunk
   * it records as done was written before the flush and is durable when the manifest is.
   */
  private async save(
    item?: TransferItem,
    object?: ManifestObject,
  ): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    this.saving = (async () => {
      try {
        do {
          this.saveAgain = false;
          this.manifest.updatedAt = new Date().toISOString();
          const snapshot = JSON.parse(
            JSON.stringify(this.manifest),
          ) as TransferManifest;
          if (item && object) await item.target.flush?.(object);
          await this.options.store.save(snapshot);
        } while (this.saveAgain);
      } finally {
        this.saving = undefined;
      }
    })();
    return this.saving;
  }
}

export type { TransferError };
