import type { LoggerService } from '@backstage/backend-plugin-api';
import type { TransferStatus } from '@sirsi-nexus/plugin-migration-common';
import type {
  ManifestChunk,
  ManifestStore,
} from '@sirsi-nexus/plugin-migration-node';
import type { CheckpointOptions } from './manifestRecorder';

/**
 * Options of {@link DataMover}.
 *
 * @public
 */
export interface DataMoverOptions {
  /**
   * Where the manifest (the resume checkpoint) is kept. A store with `saveProgress` gets the
   * chunks sent and verified as small records; one without it gets the whole manifest per batch.
   */
  store: ManifestStore;
  /** How often progress is recorded, and how a failed write is tried again. */
  checkpoint?: CheckpointOptions;
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
  /**
   * On targets that can read a chunk back before completion (local files), read each chunk back
   * right after writing it and compare its bytes with the source's, instead of in a pass after
   * completion (default true). Either way the bytes read back come from the target's file as the
   * operating system serves it — its page cache when the data is still there.
   */
  verifyOnWrite?: boolean;
  /** Rounds of re-sending chunks that failed verification before giving up (default 1). */
  maxRepairs?: number;
  /** Receives the live status, at most every `statusIntervalMs` and at the end. */
  onStatus?: (status: TransferStatus) => void | Promise<void>;
  statusIntervalMs?: number;
  /** Called after every chunk write returns, before it is checkpointed (for instrumentation). */
  onChunkWritten?: (objectId: string, chunk: ManifestChunk) => void;
  /** Called after a chunk read back matched the source, before it is checkpointed. */
  onChunkVerified?: (objectId: string, chunk: ManifestChunk) => void;
  logger?: LoggerService;
}
