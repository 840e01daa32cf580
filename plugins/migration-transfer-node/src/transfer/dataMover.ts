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
import { compositeSha256, emptyManifest } from './manifest';
import { ManifestRecorder, type CheckpointStats } from './manifestRecorder';
import { newManifestObject } from './manifestObject';
import { readBackChunks } from './readBackChunks';
import { sendChunk, type ChunkSending } from './sendChunk';
import { TransferStatusTracker } from './statusTracker';
import { TokenBucket } from './tokenBucket';
import { TransferIntegrityError } from './TransferIntegrityError';
import { readableBeforeComplete } from './verifyOnWrite';

export { TransferIntegrityError } from './TransferIntegrityError';
export type { DataMoverOptions } from './DataMoverOptions';
export type { CheckpointOptions, CheckpointStats } from './manifestRecorder';

const MiB = 1024 * 1024;

/**
 * Moves objects from sources to targets in checksummed chunks: concurrent, bandwidth-limited,
 * retrying failed chunks, and verifying by reading the target back. Its manifest is the resume
 * checkpoint: saved whole when a run starts and stops, and in between recorded as progress (the
 * chunks sent and verified, in batches), so a resumed run sends and reads back only what was not
 * finished. A failed checkpoint write is tried again on its own, never by sending data again.
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
  private readonly recorder: ManifestRecorder;
  private readonly sending: ChunkSending;

  constructor(private readonly options: DataMoverOptions) {
    this.chunkSize = options.chunkSize ?? 8 * MiB;
    this.buffers = new BufferPool(this.chunkSize);
    this.recorder = new ManifestRecorder(options.store, () => this.manifest, {
      ...options.checkpoint,
      onRetry: (error, attempt, maxAttempts) =>
        options.logger?.warn(
          `Recording the transfer's progress failed (attempt ${attempt}/${maxAttempts}), trying again: ${error.message}`,
        ),
    });
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
    this.sending = {
      options,
      buffers: this.buffers,
      bucket: this.bucket,
      tracker: this.tracker,
      manifest: () => this.manifest,
      resumed: id => this.resumed.has(id),
      verifyOnWrite: item =>
        options.verify !== false &&
        options.verifyOnWrite !== false &&
        readableBeforeComplete(item.target),
    };
  }

  /** The current status. */
  status(): TransferStatus {
    return this.tracker.snapshot(this.manifest);
  }

  /** What the checkpoints wrote so far. */
  checkpointStats(): CheckpointStats {
    return { ...this.recorder.stats };
  }

  /**
   * Moves every item, resuming from the stored manifest. Resolves with the final status; rejects
   * (after checkpointing) when cancelled or when a chunk keeps failing.
   */
  async run(
    items: TransferItem[],
    signal?: AbortSignal,
  ): Promise<TransferStatus> {
    this.manifest = (await this.recorder.load()) ?? emptyManifest();
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
      await this.recorder.save();
      for (const { item, object } of prepared) {
        signal?.throwIfAborted();
        await this.moveObject(item, object, signal);
      }
      await this.recorder.save();
      this.tracker.finish(this.manifest, 'completed');
      return this.status();
    } catch (error) {
      // Cancelled, paused or failed: what was finished is recorded before the run stops.
      await this.recorder.save().catch(() => undefined);
      this.tracker.finish(
        this.manifest,
        signal?.aborted ? 'cancelled' : 'failed',
        signal?.aborted ? undefined : (error as Error).message,
      );
      throw error;
    } finally {
      this.recorder.close();
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
    await this.begin(item, object, signal);

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
      this.recorder.touch(object, item.target);
      this.tracker.update(this.manifest);
      const bad = await this.verify(item, object, signal);
      if (bad.length === 0) {
        object.verified = true;
        break;
      }
      await this.repair(item, object, bad, repair, signal);
    }
    object.state = 'completed';
    this.recorder.touch(object, item.target);
    this.tracker.update(this.manifest);
  }

  /**
   * Prepares the object at the target. A target that started an upload (or dropped its chunks)
   * has it recorded before any chunk is recorded against it.
   */
  private async begin(
    item: TransferItem,
    object: ManifestObject,
    signal?: AbortSignal,
  ) {
    const before = JSON.stringify(object.target.state);
    await item.target.begin(object, signal);
    if (JSON.stringify(object.target.state) === before) {
      this.recorder.touch(object, item.target);
      return;
    }
    this.recorder.touch(object, item.target, 'all');
    await this.recorder.flush();
  }

  /** Reads back the chunks not verified yet; returns those that differ from the source. */
  private async verify(
    item: TransferItem,
    object: ManifestObject,
    signal?: AbortSignal,
  ) {
    return readBackChunks({
      item,
      object,
      chunks: object.chunks.filter(c => !c.verified),
      concurrency: this.concurrency,
      buffers: this.buffers,
      bucket: this.bucket,
      beforeChunk: () => this.recorder.backpressure(),
      onRead: (chunk, matches) => {
        this.tracker.verified(this.manifest, chunk.length);
        if (!matches) return;
        this.recorder.touch(object, item.target, [chunk]);
        this.options.onChunkVerified?.(object.id, chunk);
      },
      signal,
    });
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
    // Recorded before verification starts: a resumed run must not send into a finished object.
    this.recorder.touch(object, item.target);
    await this.recorder.flush();
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
      this.recorder.touch(object, item.target);
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
      this.recorder.touch(object, item.target, bad);
    } else {
      await item.target.discard(object, signal);
      object.completed = false;
      for (const chunk of object.chunks) {
        chunk.done = false;
        chunk.verified = false;
        chunk.receipt = undefined;
      }
      await item.target.begin(object, signal);
      this.recorder.touch(object, item.target, 'all');
    }
    object.state = 'running';
    await this.recorder.flush();
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
        await this.recorder.backpressure();
        await sendChunk(this.sending, item, object, chunk, combined);
        // Recorded by the next checkpoint write, outside the chunk's attempts: a failed write
        // is tried again on its own and never costs the chunk an attempt or a resend.
        this.recorder.touch(object, item.target, [chunk]);
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
    signal?.throwIfAborted();
    const failed = results.find(r => r.status === 'rejected') as
      | PromiseRejectedResult
      | undefined;
    if (failed) throw stop.signal.reason ?? failed.reason;
    // Every part sent is recorded before the target completes the object.
    await this.recorder.flush();
  }
}

export type { TransferError };
