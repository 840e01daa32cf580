import {
  CopyImageCommand,
  CopySnapshotCommand,
  CreateImageCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifySnapshotAttributeCommand,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  CopyProgress,
  CreatedCopy,
  CreatedImage,
  DryRunResult,
  ImageRemoval,
  RegionalImageCopier,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Clients and timings for {@link AwsImageCopier}.
 *
 * @public
 */
export interface AwsImageCopierOptions {
  /** Client in the region (and account) the image or snapshot lives in. */
  source: EC2Client;
  /** Client in the region (and account) to copy to. */
  target: EC2Client;
  sourceRegion: string;
  pollIntervalMs?: number;
  /** Give up waiting after this long (default 6 h). */
  timeoutMs?: number;
}

async function dryRun(call: () => Promise<unknown>): Promise<DryRunResult> {
  try {
    await call();
    return {
      permitted: true,
      message: 'The call succeeded without DryRun semantics',
    };
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'DryRunOperation') {
      return { permitted: true, message: (error as Error).message };
    }
    if (name === 'UnauthorizedOperation') {
      return { permitted: false, message: (error as Error).message };
    }
    throw error;
  }
}

/** Errors that mean the image or snapshot is already gone — the removal is done. */
const IMAGE_GONE = new Set([
  'InvalidAMIID.NotFound',
  'InvalidAMIID.Unavailable',
]);
const SNAPSHOT_GONE = new Set(['InvalidSnapshot.NotFound']);

function isGone(error: unknown, codes: Set<string>) {
  return codes.has((error as Error)?.name);
}

function percent(progress?: string) {
  const value = Number.parseFloat(progress ?? '');
  return Number.isFinite(value) ? value : 0;
}

/**
 * Same-cloud moves on AWS: AMI and EBS snapshot copies across regions or accounts with
 * `CreateImage` / `CopyImage` / `CopySnapshot`, progress polled from the snapshots, and each call's
 * `DryRun: true` form for rehearsals.
 *
 * @public
 */
export class AwsImageCopier implements RegionalImageCopier {
  constructor(private readonly options: AwsImageCopierOptions) {}

  /** Rehearsal: proves permission to image the instance and to copy into the target region. */
  async rehearseInstanceCopy(instanceId: string, name: string) {
    const create = await dryRun(() =>
      this.options.source.send(
        new CreateImageCommand({
          InstanceId: instanceId,
          Name: name,
          NoReboot: true,
          DryRun: true,
        }),
      ),
    );
    return { create };
  }

  /** Rehearsal: proves permission to copy a snapshot or image into the target region. */
  async rehearseCopy(
    kind: 'image' | 'snapshot',
    sourceId: string,
    name: string,
  ) {
    return dryRun(() =>
      kind === 'image'
        ? this.options.target.send(
            new CopyImageCommand({
              SourceImageId: sourceId,
              SourceRegion: this.options.sourceRegion,
              Name: name,
              Encrypted: true,
              DryRun: true,
            }),
          )
        : this.options.target.send(
            new CopySnapshotCommand({
              SourceSnapshotId: sourceId,
              SourceRegion: this.options.sourceRegion,
              Encrypted: true,
              DryRun: true,
            }),
          ),
    );
  }

  /**
   * Creates an AMI of an instance without rebooting it. A second call with the same name finds
   * the image the first created, so a retried task does not make two.
   */
  async createImage(instanceId: string, name: string): Promise<string> {
    try {
      const response = await this.options.source.send(
        new CreateImageCommand({
          InstanceId: instanceId,
          Name: name,
          NoReboot: true,
        }),
      );
      return response.ImageId!;
    } catch (error) {
      if ((error as Error).name !== 'InvalidAMIName.Duplicate') throw error;
      const existing = await this.options.source.send(
        new DescribeImagesCommand({
          Owners: ['self'],
          Filters: [{ Name: 'name', Values: [name] }],
        }),
      );
      const imageId = existing.Images?.[0]?.ImageId;
      if (!imageId) throw error;
      return imageId;
    }
  }

  /** Copies an AMI into the target region; `clientToken` makes a retried call idempotent. */
  async copyImage(
    imageId: string,
    name: string,
    clientToken: string,
    kmsKeyId?: string,
  ) {
    const response = await this.options.target.send(
      new CopyImageCommand({
        SourceImageId: imageId,
        SourceRegion: this.options.sourceRegion,
        Name: name,
        Encrypted: true,
        KmsKeyId: kmsKeyId,
        ClientToken: clientToken,
        CopyImageTags: true,
      }),
    );
    return response.ImageId!;
  }

  /** Copies an EBS snapshot into the target region, encrypted. */
  async copySnapshot(
    snapshotId: string,
    description: string,
    kmsKeyId?: string,
  ) {
    const response = await this.options.target.send(
      new CopySnapshotCommand({
        SourceSnapshotId: snapshotId,
        SourceRegion: this.options.sourceRegion,
        Description: description,
        Encrypted: true,
        KmsKeyId: kmsKeyId,
      }),
    );
    return response.SnapshotId!;
  }

  /** Lets another account create volumes from a snapshot (cross-account copies). */
  async shareSnapshot(snapshotId: string, accountId: string) {
    await this.options.source.send(
      new ModifySnapshotAttributeCommand({
        SnapshotId: snapshotId,
        CreateVolumePermission: { Add: [{ UserId: accountId }] },
      }),
    );
  }

  /** Waits until a snapshot is `completed`, reporting its progress. */
  async waitForSnapshot(
    snapshotId: string,
    where: 'source' | 'target',
    onProgress?: CopyProgress,
    signal?: AbortSignal,
  ) {
    const client = this.options[where];
    await this.poll(signal, async () => {
      const { Snapshots } = await client.send(
        new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }),
      );
      const snapshot = Snapshots?.[0];
      if (!snapshot) throw new Error(`Snapshot ${snapshotId} not found`);
      if (snapshot.State === 'error') {
        throw new Error(
          `Snapshot ${snapshotId} failed: ${
            snapshot.StateMessage ?? 'error state'
          }`,
        );
      }
      const done = snapshot.State === 'completed';
      await onProgress?.(
        done ? 100 : percent(snapshot.Progress),
        snapshot.State ?? 'pending',
      );
      return done;
    });
  }

  /**
   * Waits until an image is `available`, reporting the average progress of its snapshots.
   * Returns the image's snapshot ids.
   */
  async waitForImage(
    imageId: string,
    where: 'source' | 'target',
    onProgress?: CopyProgress,
    signal?: AbortSignal,
  ): Promise<string[]> {
    const client = this.options[where];
    let snapshots: string[] = [];
    await this.poll(signal, async () => {
      const { Images } = await client.send(
        new DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      const image = Images?.[0];
      if (!image) throw new Error(`Image ${imageId} not found`);
      if (
        image.State === 'failed' ||
        image.State === 'error' ||
        image.State === 'invalid'
      ) {
        throw new Error(
          `Image ${imageId} is ${image.State}: ${
            image.StateReason?.Message ?? 'no reason given'
          }`,
        );
      }
      snapshots = (image.BlockDeviceMappings ?? [])
        .map(m => m.Ebs?.SnapshotId)
        .filter((id): id is string => Boolean(id));
      if (image.State === 'available') {
        await onProgress?.(100, 'available');
        return true;
      }
      let progress = 0;
      if (snapshots.length > 0) {
        const { Snapshots } = await client.send(
          new DescribeSnapshotsCommand({ SnapshotIds: snapshots }),
        );
        const values = (Snapshots ?? []).map(s => percent(s.Progress));
        progress = values.length
          ? values.reduce((a, b) => a + b, 0) / values.length
          : 0;
      }
      await onProgress?.(progress, image.State ?? 'pending');
      return false;
    });
    return snapshots;
  }

  /**
   * Undoes a copy: deregisters the AMI `copyImage` made in the target region and deletes its EBS
   * snapshots (read from `DescribeImages` before deregistering, plus the recorded ones), then does
   * the same for the intermediate AMI `createImage` made of the instance in the source region, if
   * there is one. Images and snapshots that are already gone count as removed, so a retry after a
   * partial removal finishes it. The image a copy was made from is never touched.
   */
  async removeCopy(created: CreatedCopy): Promise<ImageRemoval[]> {
    const removed = [
      await this.removeImage('target', created.copy, created.name),
    ];
    if (created.intermediate) {
      if (created.intermediate.imageId === created.copy.imageId) {
        throw new Error(
          `The intermediate image ${created.intermediate.imageId} is the copy itself`,
        );
      }
      removed.push(
        await this.removeImage('source', created.intermediate, created.name),
      );
    }
    return removed;
  }

  private async removeImage(
    where: 'source' | 'target',
    created: CreatedImage,
    name: string | undefined,
  ): Promise<ImageRemoval> {
    const client = this.options[where];
    const region = await client.config.region();
    const { imageId } = created;
    const snapshotIds = new Set(created.snapshotIds ?? []);
    let registered = false;
    try {
      const { Images } = await client.send(
        new DescribeImagesCommand({ ImageIds: [imageId] }),
      );
      const image = Images?.find(i => i.ImageId === imageId);
      if (image && image.State !== 'deregistered') {
        if (name !== undefined && image.Name !== name) {
          throw new Error(
            `Image ${imageId} in ${region} is named ${
              image.Name ?? '(no name)'
            }, not ${name}: it is not the image this copy made, so it was left alone`,
          );
        }
        registered = true;
        for (const mapping of image.BlockDeviceMappings ?? []) {
          if (mapping.Ebs?.SnapshotId) snapshotIds.add(mapping.Ebs.SnapshotId);
        }
      }
    } catch (error) {
      if (!isGone(error, IMAGE_GONE)) throw error;
    }

    let state: ImageRemoval['image'] = 'gone';
    if (registered) {
      try {
        await client.send(new DeregisterImageCommand({ ImageId: imageId }));
        state = 'deregistered';
      } catch (error) {
        if (!isGone(error, IMAGE_GONE)) throw error;
      }
    }

    // A registered AMI keeps its snapshots in use, so they go after the image.
    const deletedSnapshots: string[] = [];
    const goneSnapshots: string[] = [];
    for (const snapshotId of snapshotIds) {
      try {
        await client.send(
          new DeleteSnapshotCommand({ SnapshotId: snapshotId }),
        );
        deletedSnapshots.push(snapshotId);
      } catch (error) {
        if (!isGone(error, SNAPSHOT_GONE)) throw error;
        goneSnapshots.push(snapshotId);
      }
    }
    return { imageId, region, image: state, deletedSnapshots, goneSnapshots };
  }

  private async poll(
    signal: AbortSignal | undefined,
    check: () => Promise<boolean>,
  ) {
    const deadline = Date.now() + (this.options.timeoutMs ?? 6 * 3600_000);
    for (;;) {
      signal?.throwIfAborted();
      if (await check()) return;
      if (Date.now() > deadline) {
        throw new Error('Timed out waiting for the copy to finish');
      }
      await sleep(this.options.pollIntervalMs ?? 15_000, undefined, { signal });
    }
  }
}
