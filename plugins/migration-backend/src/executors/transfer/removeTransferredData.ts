import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readArtifact,
  type CloudCapabilityLookup,
  type TaskContext,
  type TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';

/**
 * Rollback of `transfer.data`: removes every object the data mover wrote, as its manifest lists
 * them — files only inside the staging directory, objects through the cloud's storage target.
 */
export async function removeTransferredData(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
): Promise<number> {
  const manifest = (await readArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.transferManifest,
  )) as TransferManifest | undefined;
  let removed = 0;
  for (const object of manifest?.objects ?? []) {
    const target = object.target.description;
    if (target.startsWith('file://')) {
      // Only files inside the staging directory are ours to remove.
      const file = resolveSafeChildPath(
        config.transfer.stagingDir,
        path.relative(
          config.transfer.stagingDir,
          target.slice('file://'.length),
        ),
      );
      await fs.rm(file, { force: true });
      await fs.rm(`${file}.partial`, { force: true });
      removed++;
    } else {
      const scheme = target.split(':', 1)[0];
      const storage = capabilities.storageForScheme(scheme);
      if (!storage) {
        throw new PermanentTaskError(
          `No installed cloud module stores ${scheme}:// objects: add it to remove ${target}`,
        );
      }
      await storage.remove(target, {
        region: ctx.migration.target.region,
        signal: ctx.signal,
      });
      removed++;
    }
  }
  return removed;
}
