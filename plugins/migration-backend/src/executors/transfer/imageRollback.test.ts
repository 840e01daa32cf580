import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  createCloudCapabilityLookup,
  createMockTaskContext,
  resourceToEntity,
  type CreatedCopy,
  type RegionalImageCopier,
} from '@sirsi-nexus/plugin-migration-node';
import { copyImages } from './imageCopies';
import { removeImageCopies } from './removeImageCopies';

/** A copier whose copy to the target region never finishes: it is cancelled while pending. */
function pendingCopier() {
  const removed: CreatedCopy[] = [];
  let copyStarted!: () => void;
  const started = new Promise<void>(resolve => {
    copyStarted = resolve;
  });
  const copier: RegionalImageCopier = {
    rehearseInstanceCopy: async () => ({
      create: { permitted: true, message: 'ok' },
    }),
    createImage: async () => 'ami-source',
    async waitForImage(imageId, _where, _progress, signal) {
      if (imageId === 'ami-source') return ['snap-source'];
      signal?.throwIfAborted();
      await new Promise((_resolve, reject) =>
        signal?.addEventListener('abort', () => reject(signal.reason)),
      );
      return [];
    },
    async copyImage() {
      copyStarted();
      return 'ami-copy';
    },
    async removeCopy(created) {
      removed.push(created);
      return [
        {
          imageId: created.copy.imageId,
          region: 'eu-west-1',
          image: 'deregistered',
          deletedSnapshots: [],
          goneSnapshots: [],
        },
      ];
    },
  };
  return { copier, removed, started };
}

describe('rollback of image copies cancelled part-way', () => {
  it('removes the pending copy and the image it was made from', async () => {
    const { copier, removed, started } = pendingCopier();
    const capabilities = createCloudCapabilityLookup({
      aws: { imageCopier: { between: () => copier } },
    });
    const migration = {
      target: { provider: 'aws' as const, region: 'eu-west-1' },
      options: { rehearsal: false },
    };
    const entity = resourceToEntity({
      provider: 'aws',
      environmentId: 'aws-prod',
      externalId: 'i-0123456789abcdef0',
      kind: 'vm',
      name: 'web-01',
      region: 'eu-central-1',
      specs: { vcpus: 2, memoryMiB: 4096 },
      tags: {},
      dependsOn: [],
    });
    const controller = new AbortController();
    const run = createMockTaskContext({
      migration,
      signal: controller.signal,
      artifacts: {
        [MIGRATION_ARTIFACTS.planEntities.name]: {
          capturedAt: '2026-12-01T10:00:00.000Z',
          selectedRefs: [],
          entities: [JSON.parse(JSON.stringify(entity))],
        },
      },
    });
    const running = copyImages(run.ctx, capabilities);
    await started;
    controller.abort(new Error('The task was cancelled'));
    await expect(running).rejects.toThrow('cancelled');

    // The compensation of a cancelled task has no output to go by.
    const undo = createMockTaskContext({
      migration,
      artifacts: Object.fromEntries(
        [...run.artifacts].map(([name, a]) => [name, a.content]),
      ),
      compensates: { taskId: 'images' },
    });
    const result = await removeImageCopies(undo.ctx, capabilities);
    expect(removed).toEqual([
      expect.objectContaining({
        copy: expect.objectContaining({ imageId: 'ami-copy' }),
        intermediate: expect.objectContaining({ imageId: 'ami-source' }),
      }),
    ]);
    expect(result).toMatchObject({ rehearsal: false, deregistered: 1 });
  });
});
