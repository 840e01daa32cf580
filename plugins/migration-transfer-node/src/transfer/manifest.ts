import { createHash } from 'node:crypto';
import type {
  ManifestChunk,
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
