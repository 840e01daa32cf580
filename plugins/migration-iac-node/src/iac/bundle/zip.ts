import { InputError } from '@backstage/errors';
import { strFromU8, unzipSync, Zip, type ZipInputFile } from 'fflate';
import { posix } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';
import { mapWithConcurrency } from '@sirsi-nexus/plugin-migration-common';
import type { BundleFile } from '../generator/generateTerraform';

/**
 * Fixed timestamp of every zip entry, built from local date parts because zip stores local
 * DOS time: the archive is byte-identical in every time zone.
 */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);

/** A path inside a bundle: relative, `/`-separated, no `..`, no empty or dot segments. */
export function assertBundlePath(path: string): void {
  const normalized = posix.normalize(path);
  if (
    path === '' ||
    path.includes('\\') ||
    path.includes('\0') ||
    posix.isAbsolute(path) ||
    normalized !== path ||
    normalized.split('/').some(seg => seg === '..' || seg === '.' || seg === '')
  ) {
    throw new InputError(`Invalid path in IaC bundle: ${JSON.stringify(path)}`);
  }
}

const deflateRawAsync = promisify(deflateRaw);

/** One file compressed ahead of time: what a zip entry needs besides its name. */
interface CompressedEntry {
  path: string;
  size: number;
  crc: number;
  deflated: Uint8Array;
}

async function compress(file: BundleFile): Promise<CompressedEntry> {
  const raw = Buffer.from(file.content, 'utf8');
  return {
    path: file.path,
    size: raw.length,
    crc: crc32(raw),
    deflated: await deflateRawAsync(raw, { level: 6 }),
  };
}

/**
 * Zips bundle files deterministically: sorted entries, fixed timestamps, fixed compression.
 * Files are deflated by zlib on libuv's thread pool, so a bundle of many megabytes does not
 * hold the event loop (a task that blocks it stops its lease heartbeat).
 *
 * @public
 */
export async function zipBundle(files: BundleFile[]): Promise<Buffer> {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1));
  sorted.forEach(file => assertBundlePath(file.path));
  // As many at once as libuv has threads: the main thread only prepares the next file.
  const entries = await mapWithConcurrency(sorted, 4, compress);
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const entry of entries) {
    const input: ZipInputFile = {
      filename: entry.path,
      size: entry.size,
      crc: entry.crc,
      compression: 8,
      mtime: ENTRY_TIME,
    };
    zip.add(input);
    input.ondata!(null, entry.deflated as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
  return Buffer.concat(chunks);
}

/**
 * The paths of a bundle zip's files, sorted, read from its directory without decompressing
 * anything (a 5,000-VM bundle expands to 18 MiB of HCL). Absolute or `..` paths are refused.
 *
 * @public
 */
export function listBundlePaths(zip: Uint8Array): string[] {
  const paths: string[] = [];
  unzipSync(zip, {
    filter: entry => {
      if (!entry.name.endsWith('/')) paths.push(entry.name);
      return false;
    },
  });
  paths.forEach(assertBundlePath);
  return paths.sort();
}

/**
 * Reads the files of a bundle zip. Entries with absolute or `..` paths are refused;
 * `options.include` decompresses only the files whose path it accepts (one wave's folder).
 *
 * @public
 */
export function unzipBundle(
  zip: Uint8Array,
  options: { maxBytes?: number; include?: (path: string) => boolean } = {},
): BundleFile[] {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  let total = 0;
  const raw = unzipSync(zip, {
    filter: entry => {
      if (options.include && !options.include(entry.name)) return false;
      total += entry.originalSize;
      if (total > maxBytes) {
        throw new InputError(
          `IaC bundle expands to more than ${maxBytes} bytes`,
        );
      }
      return !entry.name.endsWith('/');
    },
  });
  return Object.entries(raw)
    .map(([path, data]) => {
      assertBundlePath(path);
      return { path, content: strFromU8(data) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
