import { setTimeout as sleep } from 'node:timers/promises';
import type {
  ManifestChunk,
  ManifestObject,
  ManifestProgress,
  ManifestStore,
  TransferManifest,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * How the mover records its progress (`DataMoverOptions.checkpoint`).
 *
 * @public
 */
export interface CheckpointOptions {
  /**
   * Finished chunks are recorded together: the first after a quiet spell at once, the next ones
   * at most this often (default 1000 ms) ...
   */
  intervalMs?: number;
  /** ... or as soon as this many wait (default 16). */
  chunks?: number;
  /** Attempts at one write to the store before the transfer fails (default 8). */
  maxAttempts?: number;
  /** First delay between attempts, doubled per attempt up to 2 s (default 100 ms). */
  retryDelayMs?: number;
}

/**
 * What the checkpoints of a mover wrote so far.
 *
 * @public
 */
export interface CheckpointStats {
  /** Whole-manifest saves. */
  saves: number;
  /** Progress writes (`saveProgress`). */
  progressWrites: number;
  /** JSON characters written by both. */
  bytes: number;
  /** Attempts at a write that failed and were tried again. */
  failedAttempts: number;
}

/** Progress records grow to the size of the manifest, at least this, before it is saved whole. */
const MIN_COMPACTION_BYTES = 1024 * 1024;
/** Longest wait between attempts at a write. */
const MAX_RETRY_DELAY_MS = 2000;

interface Pending {
  object: ManifestObject;
  target?: TransferTarget;
  chunks: Set<ManifestChunk> | 'all';
}

/**
 * Records the manifest: whole when a run starts and stops (and when the progress records grew as
 * large as it), and in between as progress records of what changed, in batches written in the
 * background, one write at a time. A failed write is tried again (the data it records is never
 * sent again for it). Every write snapshots what it records before it flushes the targets, so
 * each chunk recorded as done was written before the flush and is durable when the record is.
 */
export class ManifestRecorder {
  private readonly pending = new Map<string, Pending>();
  /** The target of every object noted, to flush before a whole save. */
  private readonly targets = new Map<ManifestObject, TransferTarget>();
  private pendingChunks = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private background?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private lastBatchAt = -Infinity;
  private failure?: Error;
  private closed = false;
  private savedBytes = 0;
  private progressBytes = 0;
  readonly stats: CheckpointStats = {
    saves: 0,
    progressWrites: 0,
    bytes: 0,
    failedAttempts: 0,
  };

  constructor(
    private readonly store: ManifestStore,
    private readonly manifest: () => TransferManifest,
    private readonly options: CheckpointOptions & {
      onRetry?: (error: Error, attempt: number, maxAttempts: number) => void;
    } = {},
  ) {}

  /** The stored manifest, read with the same retries as the writes. */
  load(): Promise<TransferManifest | undefined> {
    this.closed = false;
    this.failure = undefined;
    this.targets.clear();
    return this.attempt(() => this.store.load());
  }

  /**
   * Notes that the object changed: its fields (target state, state, completion) and `chunks`
   * (all of them with `'all'`). The change is recorded by the next write.
   */
  touch(
    object: ManifestObject,
    target?: TransferTarget,
    chunks: ManifestChunk[] | 'all' = [],
  ) {
    this.note(object, target, chunks);
    // Finished chunks are batched; whole-object changes are flushed by the caller.
    if (chunks !== 'all' && chunks.length) this.schedule();
  }

  /**
   * Throws what made a background write fail for good; waits for the write in progress while
   * many finished chunks wait to be recorded (so a store that is down holds the transfer back).
   */
  async backpressure() {
    if (this.failure) throw this.failure;
    if (this.pendingChunks >= 4 * this.batchChunks && this.background) {
      await this.background;
      if (this.failure) throw this.failure;
    }
  }

  /** Records everything noted so far, now. */
  flush(): Promise<void> {
    return this.enqueue(() => this.write(false));
  }

  /** Saves the whole manifest, replacing the progress recorded before. */
  save(): Promise<void> {
    return this.enqueue(() => this.write(true));
  }

  /** Stops background writes (the run ended; its last save recorded everything). */
  close() {
    this.closed = true;
    this.clearTimer();
  }

  private clearTimer() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private get batchChunks() {
    return Math.max(1, this.options.chunks ?? 16);
  }

  private enqueue(fn: () => Promise<void>): Promise<void> {
    const run = this.queue.then(fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Starts a background write when one is due, or a timer for when it will be. */
  private schedule() {
    if (this.background || this.failure || this.closed) return;
    const interval = this.options.intervalMs ?? 1000;
    const since = performance.now() - this.lastBatchAt;
    if (this.pendingChunks >= this.batchChunks || since >= interval) {
      this.clearTimer();
      this.lastBatchAt = performance.now();
      this.background = this.flush()
        .catch(error => {
          this.failure = error as Error;
        })
        .finally(() => {
          this.background = undefined;
          if (this.pendingChunks > 0) this.schedule();
        });
    } else {
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, interval - since);
      this.timer.unref?.();
    }
  }

  private async write(whole: boolean) {
    const entries = [...this.pending.values()];
    this.pending.clear();
    this.pendingChunks = 0;
    const progress =
      !whole &&
      !!this.store.saveProgress &&
      this.progressBytes < Math.max(this.savedBytes, MIN_COMPACTION_BYTES);
    if (!whole && entries.length === 0) return;
    try {
      const text = progress
        ? JSON.stringify(entries.map(progressOf))
        : this.snapshot();
      // The snapshot is taken: what it records as done is durable once the targets are flushed.
      for (const [object, target] of this.toFlush(entries, !progress)) {
        await target.flush?.(object);
      }
      const copy = JSON.parse(text);
      await this.attempt(() =>
        progress ? this.store.saveProgress!(copy) : this.store.save(copy),
      );
      this.stats.bytes += text.length;
      if (progress) {
        this.stats.progressWrites++;
        this.progressBytes += text.length;
      } else {
        this.stats.saves++;
        this.savedBytes = text.length;
        this.progressBytes = 0;
      }
    } catch (error) {
      for (const entry of entries) this.restore(entry);
      throw error;
    }
  }

  /** The targets to flush: of the objects noted, and for a whole save of every one in progress. */
  private toFlush(entries: Pending[], whole: boolean) {
    const flush = new Map<ManifestObject, TransferTarget>();
    for (const { object, target } of entries) {
      if (target) flush.set(object, target);
    }
    if (whole) {
      for (const [object, target] of this.targets) {
        if (object.state === 'running' || object.state === 'verifying') {
          flush.set(object, target);
        }
      }
    }
    return flush;
  }

  private snapshot() {
    const manifest = this.manifest();
    manifest.updatedAt = new Date().toISOString();
    return JSON.stringify(manifest);
  }

  private note(
    object: ManifestObject,
    target: TransferTarget | undefined,
    chunks: ManifestChunk[] | 'all',
  ) {
    let entry = this.pending.get(object.id);
    if (!entry || entry.object !== object) {
      entry = { object, target, chunks: new Set() };
      this.pending.set(object.id, entry);
    }
    entry.target ??= target;
    if (target) this.targets.set(object, target);
    if (chunks === 'all') {
      entry.chunks = 'all';
    } else if (entry.chunks !== 'all') {
      for (const chunk of chunks) entry.chunks.add(chunk);
    }
    this.pendingChunks += chunks === 'all' ? 1 : chunks.length;
  }

  /** Notes again what a failed write did not record (unless its object was replaced since). */
  private restore(entry: Pending) {
    const current = this.pending.get(entry.object.id);
    if (current && current.object !== entry.object) return;
    this.note(
      entry.object,
      entry.target,
      entry.chunks === 'all' ? 'all' : [...entry.chunks],
    );
  }

  /** Runs a write of the store, trying again with a growing delay when it fails. */
  private async attempt<T>(write: () => Promise<T>): Promise<T> {
    const maxAttempts = Math.max(1, this.options.maxAttempts ?? 8);
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (attempt >= maxAttempts) {
          throw new Error(
            `Recording the transfer's progress failed ${attempt} time(s): ${
              (error as Error).message
            }`,
            { cause: error },
          );
        }
        this.stats.failedAttempts++;
        this.options.onRetry?.(error as Error, attempt, maxAttempts);
        await sleep(
          Math.min(
            MAX_RETRY_DELAY_MS,
            (this.options.retryDelayMs ?? 100) * 2 ** (attempt - 1),
          ),
        );
      }
    }
  }
}

/** The record of one changed object: its fields and the chunks that changed, by index. */
function progressOf({ object, chunks }: Pending): ManifestProgress {
  const { chunks: all, ...fields } = object;
  const changed =
    chunks === 'all' ? all : [...chunks].sort((a, b) => a.index - b.index);
  return { object: fields, chunks: changed };
}
