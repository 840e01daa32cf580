import { InputError } from '@backstage/errors';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { posix } from 'node:path';
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

/**
 * Zips bundle files deterministically: sorted entries, fixed timestamps, fixed compression.
 *
 * @public
 */
export function zipBundle(files: BundleFile[]): Buffer {
  const entries: Zippable = {};
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    assertBundlePath(file.path);
    entries[file.path] = [
      strToU8(file.content),
      { mtime: ENTRY_TIME, level: 6 },
    ];
  }
  return Buffer.from(zipSync(entries, { mtime: ENTRY_TIME }));
}

/**
 * Reads the files of a bundle zip. Entries with absolute or `..` paths are refused.
 *
 * @public
 */
export function unzipBundle(
  zip: Uint8Array,
  options: { maxBytes?: number } = {},
): BundleFile[] {
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  let total = 0;
  const raw = unzipSync(zip, {
    filter: entry => {
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
