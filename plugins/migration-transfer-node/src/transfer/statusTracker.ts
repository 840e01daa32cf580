import type {
  TransferError,
  TransferState,
  TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { TransferManifest } from '@sirsi-nexus/plugin-migration-node';

const WINDOW_MS = 5_000;
const MAX_ERRORS = 100;

/**
 * Turns the manifest and the bytes sent into the live {@link TransferStatus}: speed over the last
 * five seconds, ETA from it, the current object and the errors so far.
 *
 * @internal
 */
export class TransferStatusTracker {
  private state: TransferState = 'pending';
  private samples: Array<{ at: number; bytes: number }> = [];
  private sentTotal = 0;
  private verifiedTotal = 0;
  private currentResource?: string;
  private errors: TransferError[] = [];
  private startedAt?: string;
  private completedAt?: string;
  private lastEmit = 0;
  private emitting: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      bandwidthLimitBytesPerSecond?: number;
      onStatus?: (status: TransferStatus) => void | Promise<void>;
      intervalMs: number;
    },
  ) {}

  start(manifest: TransferManifest) {
    this.state = 'running';
    this.startedAt = new Date().toISOString();
    this.samples = [{ at: performance.now(), bytes: 0 }];
    this.emit(manifest, true);
  }

  current(name: string) {
    this.currentResource = name;
  }

  sent(manifest: TransferManifest, bytes: number) {
    this.sentTotal += bytes;
    this.sample();
    this.emit(manifest);
  }

  verified(manifest: TransferManifest, bytes: number) {
    this.verifiedTotal += bytes;
    this.sample();
    this.emit(manifest);
  }

  update(manifest: TransferManifest) {
    this.emit(manifest);
  }

  error(manifest: TransferManifest, error: Omit<TransferError, 'at'>) {
    this.errors.push({ at: new Date().toISOString(), ...error });
    if (this.errors.length > MAX_ERRORS) this.errors.shift();
    this.emit(manifest, true);
  }

  finish(manifest: TransferManifest, state: TransferState, message?: string) {
    this.state = state;
    this.completedAt = new Date().toISOString();
    if (state === 'completed') this.currentResource = undefined;
    if (message) {
      this.errors.push({ at: this.completedAt, message, retried: false });
    }
    this.emit(manifest, true);
  }

  /** Waits for status callbacks still running. */
  flush() {
    return this.emitting;
  }

  private sample() {
    const now = performance.now();
    this.samples.push({ at: now, bytes: this.sentTotal + this.verifiedTotal });
    while (this.samples.length > 2 && now - this.samples[1].at > WINDOW_MS) {
      this.samples.shift();
    }
  }

  private speed() {
    if (this.samples.length < 2) return 0;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const seconds = (last.at - first.at) / 1000;
    return seconds > 0 ? (last.bytes - first.bytes) / seconds : 0;
  }

  snapshot(manifest: TransferManifest): TransferStatus {
    let totalBytes = 0;
    let bytesTransferred = 0;
    const objects = manifest.objects.map(o => {
      const done = o.chunks.filter(c => c.done);
      const transferred = done.reduce((sum, c) => sum + c.length, 0);
      totalBytes += o.size;
      bytesTransferred += transferred;
      return {
        id: o.id,
        name: o.name,
        source: o.source,
        target: o.target.description,
        totalBytes: o.size,
        bytesTransferred: transferred,
        chunkSize: o.chunkSize,
        chunks: o.chunks.length,
        chunksDone: done.length,
        state: o.state,
        sha256: o.sha256,
        verified: o.verified,
      };
    });
    const speed = this.speed();
    const remaining = totalBytes - bytesTransferred;
    const running = this.state === 'running' || this.state === 'verifying';
    return {
      state: this.state,
      bytesTransferred,
      totalBytes,
      speedBytesPerSecond: Math.round(speed),
      etaSeconds: this.eta(running, speed, remaining),
      currentResource: this.currentResource,
      errors: [...this.errors],
      objects,
      bandwidthLimitBytesPerSecond: this.options.bandwidthLimitBytesPerSecond,
      startedAt: this.startedAt,
      completedAt: this.completedAt,
    };
  }

  private eta(running: boolean, speed: number, remaining: number) {
    if (remaining === 0) return 0;
    return running && speed > 0 ? Math.ceil(remaining / speed) : undefined;
  }

  private emit(manifest: TransferManifest, force = false) {
    const { onStatus, intervalMs } = this.options;
    if (!onStatus) return;
    const now = performance.now();
    if (!force && now - this.lastEmit < intervalMs) return;
    this.lastEmit = now;
    const status = this.snapshot(manifest);
    this.emitting = this.emitting
      .then(() => onStatus(status))
      .catch(() => undefined);
  }
}
