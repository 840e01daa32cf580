import {
  MIGRATION_ARTIFACTS,
  type ImageCopyResult,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readMigrationResources,
  writeArtifact,
  type CloudCapabilityLookup,
  type MigrationResource,
  type RegionalImageCopier,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../json';
import { displayName, safeSegment } from './resourceAttributes';

/**
 * What `transfer.images` made for one instance, recorded in the task's output so that its
 * compensation knows what to remove.
 */
export interface CreatedImageCopy {
  resource: string;
  /** The instance imaged, and the name both AMIs were given (unknown for older records). */
  instanceId?: string;
  name?: string;
  sourceRegion: string;
  targetRegion: string;
  /** The AMI `CreateImage` made of the instance, in the source region, and its snapshots. */
  imageId: string;
  imageSnapshotIds: string[];
  /** The AMI `CopyImage` made in the target region, and its snapshots. */
  copyId: string;
  copySnapshotIds: string[];
}

/** Output of `transfer.images`. */
export interface ImagesOutput {
  images: number;
  rehearsal: boolean;
  /** Empty in rehearsals: only DryRun calls were made. */
  created: CreatedImageCopy[];
}

/** A VM moved within its cloud, whose machine image the cloud's image copier can copy. */
export function isImageCopy(
  ctx: Pick<TaskContext, 'migration'>,
  capabilities: CloudCapabilityLookup,
  item: MigrationResource,
) {
  const provider = ctx.migration.target.provider;
  return (
    !!capabilities.get(provider).imageCopier &&
    item.resource?.provider === provider &&
    item.resource.kind === 'vm'
  );
}

interface VmCopy {
  vm: MigrationResource;
  instanceId: string;
  sourceRegion: string;
  targetRegion: string;
  name: string;
  copier: RegionalImageCopier;
}

/** Rehearsal: `CreateImage` with DryRun says whether the copy would be permitted. */
async function rehearseCopy(
  ctx: TaskContext,
  c: VmCopy,
): Promise<ImageCopyResult> {
  const { create } = (await ctx.checkpoint({
    key: `dry-run-${c.instanceId}`,
    fn: async () =>
      asJson(await c.copier.rehearseInstanceCopy(c.instanceId, c.name)),
  })) as unknown as { create: { permitted: boolean; message: string } };
  return {
    kind: 'image',
    resource: displayName(c.vm),
    sourceId: c.instanceId,
    sourceRegion: c.sourceRegion,
    targetRegion: c.targetRegion,
    state: create.permitted ? 'permitted' : 'denied',
    message: `CreateImage with DryRun: ${create.message}`,
  };
}

/** An image of the instance in its region, copied to the target region; each call once. */
async function copyOne(
  ctx: TaskContext,
  c: VmCopy,
  share: (percent: number) => number,
  started: (made: { imageId: string; copyId?: string }) => Promise<void>,
): Promise<CreatedImageCopy> {
  const label = displayName(c.vm);
  const imageId = await ctx.checkpoint({
    key: `image-${c.instanceId}`,
    fn: () => c.copier.createImage(c.instanceId, c.name),
  });
  await started({ imageId });
  const imageSnapshotIds = await c.copier.waitForImage(
    imageId,
    'source',
    p => ctx.progress(share(p / 2), `${label}: imaging ${p.toFixed(0)}%`),
    ctx.signal,
  );
  const copyId = await ctx.checkpoint({
    key: `copy-${c.instanceId}`,
    fn: () =>
      c.copier.copyImage(
        imageId,
        c.name,
        `${ctx.migration.id}-${c.instanceId}`.slice(0, 64),
      ),
  });
  await started({ imageId, copyId });
  const copySnapshotIds = await c.copier.waitForImage(
    copyId,
    'target',
    p => ctx.progress(share(50 + p / 2), `${label}: copying ${p.toFixed(0)}%`),
    ctx.signal,
  );
  return {
    resource: label,
    instanceId: c.instanceId,
    name: c.name,
    sourceRegion: c.sourceRegion,
    targetRegion: c.targetRegion,
    imageId,
    imageSnapshotIds,
    copyId,
    copySnapshotIds,
  };
}

/**
 * `transfer.images`: machine images of the VMs the target cloud's image copier can copy, made in
 * their region and copied to the target region (only tried with DryRun in rehearsals), into
 * `image-copies.json`.
 */
export async function copyImages(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const targetRegion = ctx.migration.target.region;
  const vms = (
    await readMigrationResources(ctx.artifacts, { optional: true })
  ).filter(r => isImageCopy(ctx, capabilities, r));
  const results: ImageCopyResult[] = [];
  const created: CreatedImageCopy[] = [];
  for (const [index, vm] of vms.entries()) {
    const sourceRegion = vm.resource!.region ?? targetRegion;
    const copy: VmCopy = {
      vm,
      instanceId: vm.resource!.externalId,
      sourceRegion,
      targetRegion,
      name: `sirsi-${ctx.migration.id}-${safeSegment(displayName(vm))}`.slice(
        0,
        128,
      ),
      copier: capabilities
        .get(ctx.migration.target.provider)
        .imageCopier!.between(sourceRegion, targetRegion),
    };
    if (rehearsal) {
      results.push(await rehearseCopy(ctx, copy));
      continue;
    }
    // Recorded as it starts, so a rollback after a cancel or failure part-way finds the images
    // (a pending copy is cancelled by removing it).
    const started = async (made: { imageId: string; copyId?: string }) => {
      await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.imageCopies, [
        ...results,
        {
          kind: 'image',
          resource: displayName(vm),
          sourceId: made.imageId,
          sourceRegion,
          targetRegion,
          targetId: made.copyId,
          state: 'pending',
        },
      ]);
    };
    const made = await copyOne(
      ctx,
      copy,
      p => (index + p / 100) / vms.length,
      started,
    );
    results.push({
      kind: 'image',
      resource: made.resource,
      sourceId: made.imageId,
      sourceRegion,
      targetRegion,
      targetId: made.copyId,
      state: 'completed',
      progressPercent: 100,
    });
    created.push(made);
  }
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.imageCopies, results);
  await ctx.progress(1, `${results.length} image copy(ies)`);
  return asJson({
    images: results.length,
    rehearsal,
    created,
  } satisfies ImagesOutput);
}
