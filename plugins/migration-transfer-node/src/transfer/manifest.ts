import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type {
  ManifestChunk,
  ManifestStore,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';

/** @public */
export function emptyManifest(): TransferManifest {
  return { version: 1, objects: [], updatedAt: new Date().toISOString() };
}

/**
 * Splits an object into chunks. Chunks grow when needed so no object has more than `maxChunks`
 * (S3 allows 10,000 parts per upload).
 *
 * @public
 */
export function planChunks(
  size: number,
  chunkSize: number,
  maxChunks = 10_000,
): { chunkSize: number; chunks: ManifestChunk[] } {
  const MiB = 1024 * 1024;
  let effective = chunkSize;
  if (Math.ceil(size / effective) > maxChunks) {
    effective = Math.ceil(size / maxChunks / MiB) * MiB;
  }
  const chunks: ManifestChunk[] = [];
  for (let offset = 0, index = 0; offset < size || index === 0; index++) {
    const length = Math.min(effective, size - offset);
    chunks.push({ index, offset, length, done: false });
    offset += length;
    if (size === 0) break;
  }
  return { chunkSize: effective, chunks };
}

/**
 * A chunk's digest as the manifest records it: hex SHA-256.
 *
 * @public
 */
export function chunkSha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The buffer to read `length` bytes into: a view of the caller's reusable `into` when it is large
 * enough, otherwise a new one. For sources and targets that accept `into`.
 *
 * @public
 */
export function chunkBuffer(length: number, into?: Buffer): Buffer {
  return into && into.length >= length
    ? into.subarray(0, length)
    : Buffer.allocUnsafe(length);
}

/**
 * The composite object checksum: base64 SHA-256 of the concatenated chunk digests, `-<count>`.
 *
 * @public
 */
export function compositeSha256(chunks: ManifestChunk[]): string | undefined {
  if (chunks.some(c => !c.sha256)) return undefined;
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(Buffer.from(chunk.sha256!, 'hex'));
  return `${hash.digest('base64')}-${chunks.length}`;
}

/**
 * Keeps the manifest in a JSON file, replaced atomically (write to a temporary file, rename) so a
 * crash leaves either the old or the new manifest, never a torn one. `durable: true` also fsyncs
 * the file before the rename.
 *
 * @public
 */
export class FileManifestStore implements ManifestStore {
  constructor(
    private readonly file: string,
    private readonly options: { durable?: boolean } = {},
  ) {}

  async load(): Promise<TransferManifest | undefined> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8'));
      return parsed?.version === 1 ? (parsed as TransferManifest) : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(manifest: TransferManifest): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temporary, 'w');
    try {
      await handle.writeFile(JSON.stringify(manifest));
      if (this.options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, this.file);
  }
}

/**
 * Keeps the manifest in memory; for tests and one-shot transfers.
 *
 * @public
 */
export class MemoryManifestStore implements ManifestStore {
  private value?: string;
  async load() {
    return this.value
      ? (JSON.parse(this.value) as TransferManifest)
      : undefined;
  }
  async save(manifest: TransferManifest) {
    this.value = JSON.stringify(manifest);
  }
}
