import {
  MIGRATION_ARTIFACTS,
  type ImageCopyResult,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readArtifact,
  type CloudCapabilityLookup,
  type ImageRemoval,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../json';
import type { CreatedImageCopy, ImagesOutput } from './imageCopies';
import { amendTransferReport } from './transferReport';

/**
 * The image copies a `transfer.images` task made. Without them in its output — it failed or was
 * cancelled part-way, or predates the record — `image-copies.json` lists them, copies still
 * pending included (removing one cancels it); their snapshots are then read from EC2.
 */
async function createdImageCopies(
  ctx: TaskContext,
  output: Partial<ImagesOutput>,
): Promise<CreatedImageCopy[]> {
  if (Array.isArray(output.created)) return output.created;
  const copies: ImageCopyResult[] =
    (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.imageCopies)) ?? [];
  return copies
    .filter(
      c =>
        c.kind === 'image' &&
        (c.state === 'completed' || c.state === 'pending') &&
        c.targetId,
    )
    .map(c => ({
      resource: c.resource,
      sourceRegion: c.sourceRegion,
      targetRegion: c.targetRegion,
      imageId: c.sourceId,
      imageSnapshotIds: [],
      copyId: c.targetId!,
      copySnapshotIds: [],
    }));
}

/** Removes one copy and the image it was made from, once (checkpointed). */
async function removeCopy(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
  copy: CreatedImageCopy,
): Promise<ImageRemoval[]> {
  const imageCopier = capabilities.get(
    ctx.migration.target.provider,
  ).imageCopier;
  if (!imageCopier) {
    throw new PermanentTaskError(
      `No installed cloud module copies images of ${ctx.migration.target.provider}: add its migration module to remove ${copy.copyId}`,
    );
  }
  const copier = imageCopier.between(copy.sourceRegion, copy.targetRegion);
  const done = (await ctx.checkpoint({
    key: `remove-${copy.copyId}`,
    fn: async () =>
      asJson({
        images: await copier.removeCopy({
          copy: { imageId: copy.copyId, snapshotIds: copy.copySnapshotIds },
          intermediate: {
            imageId: copy.imageId,
            snapshotIds: copy.imageSnapshotIds,
          },
          name: copy.name,
        }),
      }),
  })) as unknown as { images: ImageRemoval[] };
  return done.images;
}

/**
 * Rollback of `transfer.images`: deregisters each AMI copy in the target region and the AMI made
 * of the instance in the source region, and deletes their snapshots. The instances themselves are
 * never touched. A rehearsal made only DryRun calls, so there is nothing to remove.
 */
export async function removeImageCopies(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
) {
  const output = (ctx.task.compensates?.output ?? {}) as Partial<ImagesOutput>;
  if (output.rehearsal === true || ctx.migration.options.rehearsal === true) {
    return {
      rehearsal: true,
      deregistered: 0,
      snapshotsDeleted: 0,
      reason:
        'Rehearsal: the image copies were only tried with DryRun, so there is nothing to remove',
    };
  }
  const copies = await createdImageCopies(ctx, output);
  const removed: ImageRemoval[] = [];
  for (const [index, copy] of copies.entries()) {
    removed.push(...(await removeCopy(ctx, capabilities, copy)));
    await ctx.progress(
      (index + 1) / copies.length,
      `${copy.resource}: AMI copy removed`,
    );
  }
  const deregistered = removed.filter(r => r.image === 'deregistered').length;
  const snapshotsDeleted = removed.reduce(
    (n, r) => n + r.deletedSnapshots.length,
    0,
  );
  const statement = `Rolled back: ${copies.length} AMI copy(ies) removed — ${deregistered} image(s) deregistered and ${snapshotsDeleted} snapshot(s) deleted (copies in the target region and the images made of the instances).`;
  await amendTransferReport(ctx, report => {
    if (!copies.length || report.statements.includes(statement)) return false;
    report.statements.push(statement);
    return true;
  });
  return asJson({ rehearsal: false, deregistered, snapshotsDeleted, removed });
}
