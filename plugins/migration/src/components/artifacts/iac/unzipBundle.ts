import { strFromU8, unzip, type Unzipped, type UnzipFileInfo } from 'fflate';

/** A text file from the bundle. */
export interface BundleFile {
  path: string;
  size: number;
  /** Undefined for files too large or binary to show. */
  text?: string;
}

/** Largest single file shown inline. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;
/** Largest total of uncompressed bytes read from one bundle (guards against zip bombs). */
export const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) return true;
  }
  return false;
}

/** fflate's asynchronous unzip as a promise: large entries inflate in web workers. */
function unzipAsync(
  zip: Uint8Array,
  filter: (file: UnzipFileInfo) => boolean,
): Promise<Unzipped> {
  return new Promise((resolve, reject) => {
    unzip(zip, { filter }, (error, entries) =>
      error ? reject(error) : resolve(entries),
    );
  });
}

/**
 * Lists the files of a zip bundle with the text of those small enough to show. Directories are
 * implied by the paths. Files beyond the size limits are listed without text. Unzips off the
 * main thread (fflate's async API, which inflates large entries in workers), so a large bundle
 * does not freeze the page.
 */
export async function unzipBundle(zip: Uint8Array): Promise<BundleFile[]> {
  const sizes = new Map<string, number>();
  let budget = MAX_TOTAL_BYTES;
  const entries = await unzipAsync(zip, file => {
    if (file.name.endsWith('/')) return false;
    sizes.set(file.name, file.originalSize);
    if (file.originalSize > MAX_FILE_BYTES || file.originalSize > budget) {
      return false;
    }
    budget -= file.originalSize;
    return true;
  });
  return [...sizes.entries()]
    .map(([path, size]) => {
      const bytes = entries[path];
      return {
        path,
        size,
        text: bytes && !looksBinary(bytes) ? strFromU8(bytes) : undefined,
      };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Syntax-highlighting language for a file name (Terraform has none in highlight.js). */
export function languageOf(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  switch (ext) {
    case 'json':
      return 'json';
    case 'yaml':
    case 'yml':
      return 'yaml';
    case 'md':
      return 'markdown';
    case 'sh':
      return 'bash';
    default:
      return 'text';
  }
}
