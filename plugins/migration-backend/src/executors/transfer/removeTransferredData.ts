import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  PermanentTaskError,
  type CloudCapabilityLookup,
  type ManifestObject,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { readTransferManifest } from './transferManifestStore';

/** What S3-compatible stores answer for a call they lack. */
const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

/** Removes the directories a transfer created under the staging directory once they are empty. */
async function removeEmptyDirectories(stagingDir: string, file: string) {
  const root = path.resolve(stagingDir);
  for (
    let dir = path.dirname(file);
    dir.startsWith(`${root}${path.sep}`);
    dir = path.dirname(dir)
  ) {
    try {
      await fs.rmdir(dir);
    } catch {
      return; // not empty (or already gone): what is left is not only ours
    }
  }
}

/** A file object: the file, the `.partial` a cancelled transfer left, and emptied folders. */
async function removeFile(config: ExecutionConfig, target: string) {
  // Only files inside the staging directory are ours to remove.
  const file = resolveSafeChildPath(
    config.transfer.stagingDir,
    path.relative(config.transfer.stagingDir, target.slice('file://'.length)),
  );
  await fs.rm(file, { force: true });
  await fs.rm(`${file}.partial`, { force: true });
  await removeEmptyDirectories(config.transfer.stagingDir, file);
}

/**
 * A stored object: an unfinished multipart upload (uncommitted blocks) is aborted through the
 * target's `discard`, then the object is deleted. Both count an object already gone as done.
 */
async function removeObject(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
  object: ManifestObject,
) {
  const url = object.target.description;
  const scheme = url.split(':', 1)[0];
  const storage = capabilities.storageForScheme(scheme);
  if (!storage) {
    throw new PermanentTaskError(
      `No installed cloud module stores ${scheme}:// objects: add it to remove ${url}`,
    );
  }
  const region = ctx.migration.target.region;
  if (!object.completed) {
    await storage
      .target(url, { region, field: 'transfer-manifest.json' })
      .discard(
        {
          ...object,
          target: { ...object.target, state: { ...object.target.state } },
        },
        ctx.signal,
      )
      .catch(error => {
        // S3-compatible stores without the call (emulators); S3, Blob and GCS all have it.
        if (!UNSUPPORTED.has((error as Error).name)) throw error;
        ctx.logger.warn(
          `The storage of ${url} cannot abort unfinished uploads (${
            (error as Error).name
          }); a lifecycle rule that aborts incomplete multipart uploads removes its parts`,
        );
      });
  }
  await storage.remove(url, { region, signal: ctx.signal });
}

/**
 * Rollback of `transfer.data` — after it finished, or after it failed or was cancelled part-way:
 * removes every object the data mover wrote or started, as its manifest lists them — files (and
 * their `.partial` files) only inside the staging directory; objects, and their unfinished
 * multipart uploads, through the cloud's storage target. Each removal is idempotent.
 */
export async function removeTransferredData(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
): Promise<number> {
  // The journal holds what the run recorded after its last whole save (an upload id, parts).
  const manifest = await readTransferManifest(ctx);
  let removed = 0;
  for (const object of manifest?.objects ?? []) {
    const target = object.target.description;
    if (target.startsWith('file://')) {
      await removeFile(config, target);
    } else {
      await removeObject(ctx, capabilities, object);
    }
    removed++;
  }
  return removed;
}
