import { setTimeout as sleep } from 'node:timers/promises';
import type {
  TransferError,
  TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  ManifestChunk,
  ManifestObject,
  TransferItem,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import { BufferPool } from './bufferPool';
import type { DataMoverOptions } from './DataMoverOptions';
import { chunkSha256, compositeSha256, emptyManifest } from './manifest';
import { ManifestCheckpoint } from './manifestCheckpoint';
import { newManifestObject } from './manifestObject';
import { readBackChunks } from './readBackChunks';
import { TransferStatusTracker } from './statusTracker';
import { TokenBucket } from './tokenBucket';
import { TransferIntegrityError } from './TransferIntegrityError';

export { TransferIntegrityError } from './TransferIntegrityError';
export type { DataMoverOptions } from './DataMoverOptions';

const MiB = 1024 * 1024;

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
  private readonly buffers: BufferPool;
  private readonly checkpoint: ManifestCheckpoint;

  constructor(private readonly options: DataMoverOptions) {
    this.chunkSize = options.chunkSize ?? 8 * MiB;
    this.buffers = new BufferPool(this.chunkSize);
    this.checkpoint = new ManifestCheckpoint(
      options.store,
      () => this.manifest,
    );
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

  /**
   * The object's entry in the manifest: the stored one to resume, or a new one when there is none
   * or the source changed since (its partial upload is discarded).
   */
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
      object = newManifestObject(item, { size, version }, this.chunkSize);
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
      if (!object.completed) await this.complete(item, object, signal);
      if (this.options.verify === false) break;

      object.state = 'verifying';
      this.tracker.update(this.manifest);
      const bad = await readBackChunks({
        item,
        object,
        concurrency: this.concurrency,
        buffers: this.buffers,
        bucket: this.bucket,
        onVerified: bytes => this.tracker.verified(this.manifest, bytes),
        signal,
      });
      if (bad.length === 0) {
        object.verified = true;
        break;
      }
      await this.repair(item, object, bad, repair, signal);
    }
    object.state = 'completed';
    await this.save();
    this.tracker.update(this.manifest);
  }

  /** Completes the object at the target and checks the checksum the target reports, if any. */
  private async complete(
    item: TransferItem,
    object: ManifestObject,
    signal?: AbortSignal,
  ) {
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

  /**
   * Marks the chunks that failed verification for sending again — or, on a target that cannot
   * rewrite a completed object, starts the object over — and fails once the repairs are used up.
   */
  private async repair(
    item: TransferItem,
    object: ManifestObject,
    bad: ManifestChunk[],
    repair: number,
    signal?: AbortSignal,
  ) {
    const maxRepairs = this.options.maxRepairs ?? 1;
    for (const chunk of bad) {
      this.tracker.error(this.manifest, {
        resource: item.name,
        chunk: chunk.index,
        message: `Chunk ${chunk.index} read back from the target does not match its source digest`,
        retried: repair < maxRepairs,
      });
    }
    if (repair >= maxRepairs) {
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
        await this.buffers.use(buffer =>
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

  private save(item?: TransferItem, object?: ManifestObject): Promise<void> {
    return this.checkpoint.save(item, object);
  }
}

export type { TransferError };
