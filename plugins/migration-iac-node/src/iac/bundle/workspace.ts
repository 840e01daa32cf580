import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  MODEL_FILE_NAME,
  type BundleFile,
} from '../generator/generateTerraform';
import { assertBundlePath } from './zip';

/**
 * Writes bundle files under `baseDir/subPath`. Both the sub-path and every file path go
 * through `resolveSafeChildPath`, so `../` and symlinks that lead outside `baseDir` are refused
 * with a `NotAllowedError` before anything is written.
 *
 * @public
 */
export async function writeBundleFiles(
  baseDir: string,
  subPath: string,
  files: BundleFile[],
): Promise<string> {
  const target = resolveSafeChildPath(baseDir, subPath);
  const resolved = files.map(file => {
    assertBundlePath(file.path);
    return {
      file,
      path: resolveSafeChildPath(
        baseDir,
        join(relative(baseDir, target), file.path),
      ),
    };
  });
  for (const { file, path } of resolved) {
    await fs.mkdir(dirname(path), { recursive: true });
    // Re-check after creating folders: a folder created above cannot be a symlink, but one that
    // already existed may have been.
    resolveSafeChildPath(baseDir, relative(baseDir, path));
    await fs.writeFile(path, file.content, 'utf8');
  }
  return target;
}

const SKIPPED_DIRECTORIES = new Set(['.terraform', '.git', 'node_modules']);

/**
 * Reads the Terraform files (`*.tf`) and the bundle model (`iac-model.json`) under
 * `baseDir/subPath`, with paths relative to that folder. Symbolic links are refused.
 *
 * @public
 */
export async function readBundleFiles(
  baseDir: string,
  subPath: string,
  options: { maxFiles?: number; maxBytes?: number } = {},
): Promise<BundleFile[]> {
  const maxFiles = options.maxFiles ?? 10_000;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const root = resolveSafeChildPath(baseDir, subPath);
  const files: BundleFile[] = [];
  let bytes = 0;
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const rel = relative(root, full).split(sep).join('/');
      if (entry.isSymbolicLink()) {
        throw new NotAllowedError(
          `Refusing to read ${rel}: symbolic links are not allowed in an IaC folder`,
        );
      }
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await walk(full);
      } else if (
        entry.isFile() &&
        (entry.name.endsWith('.tf') || rel === MODEL_FILE_NAME)
      ) {
        if (files.length >= maxFiles) {
          throw new NotAllowedError(
            `More than ${maxFiles} files under ${subPath}`,
          );
        }
        const content = await fs.readFile(full, 'utf8');
        bytes += Buffer.byteLength(content);
        if (bytes > maxBytes)
          throw new NotAllowedError(
            `More than ${maxBytes} bytes under ${subPath}`,
          );
        files.push({ path: rel, content });
      }
    }
  };
  const stat = await fs.lstat(root).catch(error => {
    if (error.code === 'ENOENT')
      throw new NotFoundError(`No folder ${subPath} in the workspace`);
    throw error;
  });
  if (!stat.isDirectory() && !stat.isSymbolicLink()) {
    throw new NotAllowedError(`${subPath} is not a folder`);
  }
  if (stat.isSymbolicLink()) {
    throw new NotAllowedError(
      `Refusing to read ${subPath}: it is a symbolic link`,
    );
  }
  await walk(root);
  return files;
}
