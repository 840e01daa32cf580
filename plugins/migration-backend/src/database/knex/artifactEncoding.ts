import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { NotImplementedError } from '@backstage/errors';

/** How an artifact's content is stored in the `content_encoding` column. */
export type ArtifactContentEncoding = 'identity' | 'gzip';

/**
 * Smaller contents are stored as they are: compressing them saves little and would cost a
 * thread-pool round trip on every read.
 */
export const COMPRESS_MIN_BYTES = 64 * 1024;

/** Media types whose content is compressed already (zip, gzip, images, ...): gzip gains nothing. */
const COMPRESSED_MEDIA_TYPES =
  /^(application\/(zip|gzip|x-gzip|x-bzip2|x-xz|zstd|x-7z-compressed)|image\/(png|jpeg|gif|webp)|video\/|audio\/)/i;

/** Compressed content is kept only when it saves at least a tenth. */
const MAX_KEPT_RATIO = 0.9;

// The async zlib API runs on libuv's thread pool: 12 MiB of JSON is compressed and
// decompressed off the main thread, so task heartbeats and HTTP requests go on meanwhile.
const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/** Level 6 (zlib's default) compresses assessment JSON ~10×; higher levels gain little more. */
const GZIP_OPTIONS: zlib.ZlibOptions = { level: 6 };

/**
 * The bytes to store for an artifact's content and their encoding: gzip for large contents that
 * are not compressed already and shrink by at least a tenth, the content as it is otherwise.
 */
export async function encodeStoredContent(
  content: Buffer,
  mediaType: string,
): Promise<{ stored: Buffer; encoding: ArtifactContentEncoding }> {
  if (
    content.length < COMPRESS_MIN_BYTES ||
    COMPRESSED_MEDIA_TYPES.test(mediaType)
  ) {
    return { stored: content, encoding: 'identity' };
  }
  const compressed = await gzip(content, GZIP_OPTIONS);
  return compressed.length <= content.length * MAX_KEPT_RATIO
    ? { stored: compressed, encoding: 'gzip' }
    : { stored: content, encoding: 'identity' };
}

/** The content as the task stored it, from the bytes in the database and their encoding. */
export async function decodeStoredContent(
  stored: Buffer,
  encoding: string | null | undefined,
): Promise<Buffer> {
  switch (encoding ?? 'identity') {
    case 'identity':
      return stored;
    case 'gzip':
      return gunzip(stored);
    default:
      throw new NotImplementedError(
        `content_encoding: "${encoding}" is not an artifact encoding this version can read (identity, gzip)`,
      );
  }
}
