/*
 * The transfer phase: live status, the `transfer.json` artifact and the DNS cutover runbook.
 */

/**
 * State of a transfer or of one object within it.
 *
 * @public
 */
export type TransferState =
  | 'pending'
  | 'running'
  | 'verifying'
  | 'completed'
  | 'failed'
  | 'cancelled';

/**
 * An error met during a transfer; retried chunks leave one entry per failed attempt.
 *
 * @public
 */
export interface TransferError {
  at: string;
  /** The object (resource) the error belongs to. */
  resource?: string;
  /** Index of the chunk, when the error concerns one. */
  chunk?: number;
  message: string;
  /** Whether the mover retried after it. */
  retried: boolean;
}

/**
 * Progress of one object (file, disk image, dump) of a transfer.
 *
 * @public
 */
export interface TransferObjectStatus {
  id: string;
  name: string;
  /** Source location with any credentials removed. */
  source: string;
  /** Target location with any credentials removed. */
  target: string;
  totalBytes: number;
  bytesTransferred: number;
  chunkSize: number;
  chunks: number;
  chunksDone: number;
  state: TransferState;
  /**
   * Object checksum: base64 SHA-256 over the concatenated SHA-256 digests of its chunks, suffixed
   * with `-<chunks>` — the same composite form S3 reports for multipart uploads.
   */
  sha256?: string;
  /** True once every chunk was read back from the target and matched its source digest. */
  verified?: boolean;
}

/**
 * Live status of a transfer, as the blueprint's `TransferStatus`.
 *
 * @public
 */
export interface TransferStatus {
  state: TransferState;
  bytesTransferred: number;
  totalBytes: number;
  /** Recent throughput in bytes per second. */
  speedBytesPerSecond: number;
  /** Seconds left at the recent throughput; absent when unknown. */
  etaSeconds?: number;
  /** Name of the object being moved. */
  currentResource?: string;
  errors: TransferError[];
  objects: TransferObjectStatus[];
  bandwidthLimitBytesPerSecond?: number;
  startedAt?: string;
  completedAt?: string;
}

/**
 * A cloud-native image or snapshot copy (same-cloud moves on AWS).
 *
 * @public
 */
export interface ImageCopyResult {
  kind: 'image' | 'snapshot';
  /** Resource the copy belongs to. */
  resource: string;
  sourceId: string;
  sourceRegion: string;
  targetRegion: string;
  targetId?: string;
  /** `permitted`: rehearsal dry run proved the permission; `available`/`completed`: copy finished. */
  state: 'permitted' | 'denied' | 'pending' | 'completed' | 'failed';
  /** 0–100 as reported by the provider. */
  progressPercent?: number;
  message?: string;
}

/**
 * The `transfer.json` artifact.
 *
 * @public
 */
export interface TransferReport {
  rehearsal: boolean;
  /** Where data went (staging location in rehearsal). */
  destination: string;
  status: TransferStatus;
  imageCopies: ImageCopyResult[];
  /** Plain statements of what happened or would happen. */
  statements: string[];
}

/**
 * One DNS record to switch at cutover.
 *
 * @public
 */
export interface DnsRecordChange {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  currentValues: string[];
  targetValues: string[];
  /** TTL in seconds today. */
  currentTtl: number;
  /** TTL in seconds during the cutover window. */
  cutoverTtl: number;
}

/**
 * A step of the DNS cutover runbook.
 *
 * @public
 */
export interface DnsCutoverStep {
  order: number;
  action: 'lower-ttl' | 'verify' | 'switch' | 'monitor' | 'restore-ttl';
  /** When, relative to the cutover (`T-48h`, `T`, `T+1h`) or absolute ISO time. */
  at: string;
  description: string;
  records: string[];
}

/**
 * The `dns-cutover.json` artifact: records, TTL lowering ahead of cutover, the switch, the revert.
 *
 * @public
 */
export interface DnsCutoverPlan {
  generatedAt: string;
  /** Planned cutover time (start of the first maintenance window), when known. */
  cutoverAt?: string;
  records: DnsRecordChange[];
  steps: DnsCutoverStep[];
  revert: DnsCutoverStep[];
  /** Records the plan could not complete, with why. */
  warnings: string[];
}
