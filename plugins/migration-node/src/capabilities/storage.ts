import type { TransferState } from '@sirsi-nexus/plugin-migration-common';

/**
 * One chunk of an object in the manifest.
 *
 * @public
 */
export interface ManifestChunk {
  index: number;
  offset: number;
  length: number;
  /** Hex SHA-256 of the source bytes, set when the chunk was read. */
  sha256?: string;
  done: boolean;
  /** Read back from the finished object and found equal to the source (set by verification). */
  verified?: boolean;
  /** Target-specific receipt (S3 part ETag and checksum). */
  receipt?: { etag?: string; checksum?: string };
}

/**
 * One object in the manifest.
 *
 * @public
 */
export interface ManifestObject {
  id: string;
  name: string;
  source: string;
  target: {
    description: string;
    /** Target-specific resume state, e.g. the S3 upload id. */
    state: Record<string, string | undefined>;
  };
  size: number;
  /** Source version token seen when the object started; a change restarts the object. */
  sourceVersion?: string;
  chunkSize: number;
  chunks: ManifestChunk[];
  state: TransferState;
  completed: boolean;
  verified: boolean;
  /** Composite checksum, see `TransferObjectStatus.sha256`. */
  sha256?: string;
}

/**
 * The checkpoint of a transfer: which chunks of which objects are safely at the target.
 *
 * @public
 */
export interface TransferManifest {
  version: 1;
  objects: ManifestObject[];
  updatedAt: string;
}

/**
 * Where the bytes of one object come from.
 *
 * @public
 */
export interface TransferSource {
  /** Location with credentials removed, safe for logs and artifacts. */
  readonly description: string;
  /** Size in bytes and a version token (mtime, ETag) that changes when the content does. */
  stat(signal?: AbortSignal): Promise<{ size: number; version?: string }>;
  /**
   * Reads exactly `length` bytes at `offset`. A source may fill and return (a view of) `into`, a
   * reusable buffer of at least `length` bytes, instead of allocating.
   */
  read(
    offset: number,
    length: number,
    signal?: AbortSignal,
    into?: Buffer,
  ): Promise<Buffer>;
  close?(): Promise<void>;
}

/**
 * Where the bytes of one object go. Implementations keep what they need to resume (upload ids,
 * part ETags) in `object.target.state` / `chunk.receipt`, which the mover persists in the manifest.
 *
 * @public
 */
export interface TransferTarget {
  /** Location with credentials removed, safe for logs and artifacts. */
  readonly description: string;
  /**
   * Whether single chunks can be rewritten after `complete` (a file can; an S3 object cannot, so a
   * corrupt chunk there means uploading the object again).
   */
  readonly rewritableAfterComplete: boolean;
  /** Smallest chunk the target accepts (S3: 5 MiB for every part but the last). */
  readonly minChunkSize?: number;
  /** Prepares the object; must be idempotent, since a resumed transfer calls it again. */
  begin(object: ManifestObject, signal?: AbortSignal): Promise<void>;
  /** Writes one chunk whose SHA-256 is `chunk.sha256`. */
  writeChunk(
    object: ManifestObject,
    chunk: ManifestChunk,
    data: Buffer,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Makes written chunks durable before the manifest records them as done. */
  flush?(object: ManifestObject): Promise<void>;
  /** Finishes the object; returns the checksum the target computed, when it reports one. */
  complete(
    object: ManifestObject,
    signal?: AbortSignal,
  ): Promise<{ checksum?: string } | void>;
  /**
   * What a resumed transfer finds at the target for a chunk the manifest does not record as done
   * (written just before a crash): its SHA-256 (hex) and receipt. A match is not sent again.
   */
  existingChunk?(
    object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
  ): Promise<
    { sha256: string; receipt?: ManifestChunk['receipt'] } | undefined
  >;
  /** Reads a chunk back from the finished object, for verification (into `into`, as `read`). */
  readBack(
    object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
    into?: Buffer,
  ): Promise<Buffer>;
  /** Drops a partial object so it can start over. */
  discard(object: ManifestObject, signal?: AbortSignal): Promise<void>;
  close?(): Promise<void>;
}

/**
 * What changed in one object of the manifest since its previous record: the object as it is now
 * (its target state, state, completion and checksum) and the chunks that changed, as they are
 * now. Applied in order over the last saved manifest (the transfer library's
 * `applyManifestProgress`), records give the current manifest without rewriting it.
 *
 * @public
 */
export interface ManifestProgress {
  /** The object without its chunks. */
  object: Omit<ManifestObject, 'chunks'>;
  /** The chunks that changed (sent, verified, or reset for sending again). */
  chunks: ManifestChunk[];
}

/**
 * Loads and saves the transfer manifest, the checkpoint a resumed transfer continues from.
 *
 * The mover saves the whole manifest rarely (when a run starts, when progress records have grown
 * as large as the manifest, when it stops) and records the progress in between with
 * `saveProgress`, in batches. A store without `saveProgress` gets a whole-manifest save per batch
 * instead; a store with it keeps the records after the last saved manifest, and `load` returns
 * the manifest with them applied in order (the transfer library's `applyManifestProgress`).
 * `save` replaces the manifest and drops the records before it.
 *
 * @public
 */
export interface ManifestStore {
  /** The manifest with every progress record since the last `save` applied. */
  load(): Promise<TransferManifest | undefined>;
  /** Replaces the whole manifest, including the progress recorded before. */
  save(manifest: TransferManifest): Promise<void>;
  /** Appends progress records (one write) after the last saved manifest. */
  saveProgress?(progress: ManifestProgress[]): Promise<void>;
}

/**
 * One object to move.
 *
 * @public
 */
export interface TransferItem {
  /** Stable id within the transfer; the manifest matches objects by it. */
  id: string;
  /** Display name (resource name). */
  name: string;
  source: TransferSource;
  target: TransferTarget;
}

/**
 * A cloud's object storage as the destination of a migration's data (S3, Azure Blob, GCS).
 *
 * @public
 */
export interface ObjectStorage {
  /** The URL scheme of its objects, e.g. `s3`. */
  readonly scheme: string;
  /**
   * Where a real run writes the objects of a migration to this cloud, e.g.
   * `s3://bucket/migrations/<id>`; undefined when no storage is configured.
   */
  destination(migration: {
    id: string;
    target: { region: string };
  }): string | undefined;
  /** The configured location without the migration, for reports, e.g. `s3://bucket/migrations`. */
  describe(): string | undefined;
  /** The target of one object under a destination. */
  target(
    url: string,
    options: { region: string; field: string },
  ): TransferTarget;
  /** Deletes an object (rollback); an object that is already gone counts as removed. */
  remove(
    url: string,
    options: { region: string; signal?: AbortSignal },
  ): Promise<void>;
}
