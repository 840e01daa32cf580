import { TASK_TYPES } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readMigrationResources,
  type CloudCapabilityLookup,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { captureBaseline } from './captureBaseline';
import { copyImages, isImageCopy } from './imageCopies';
import { moveData } from './moveData';
import { planDnsCutover } from './planDnsCutover';
import { removeImageCopies } from './removeImageCopies';
import { removeTransferredData } from './removeTransferredData';

/** Keys of the transfer phase's tasks. */
export const TRANSFER_TASK_KEYS = {
  baseline: 'transfer.baseline',
  data: 'transfer.data',
  images: 'transfer.images',
  dnsCutover: 'transfer.dns-cutover',
} as const;

/**
 * `transfer`: a baseline of source latencies before cutover, data moved with integrity (files
 * and disk images by the data mover — into the staging directory in rehearsals), AMI copies for
 * same-cloud AWS moves (DryRun in rehearsals), and the DNS cutover plan. Rollback removes what the
 * data mover wrote and deregisters the AMIs the image copies made, deleting their snapshots.
 *
 * @public
 */
export function createTransferExecutor(deps: {
  config: ExecutionConfig;
  capabilities: CloudCapabilityLookup;
}): MigrationExecutor {
  const { config, capabilities } = deps;
  const keys = TRANSFER_TASK_KEYS;
  return {
    phase: 'transfer',
    taskType: TASK_TYPES.transferMove,
    async plan(ctx) {
      const resources = await readMigrationResources(ctx.artifacts, {
        optional: true,
      });
      const images = resources.some(r => isImageCopy(ctx, capabilities, r));
      return [
        {
          key: keys.baseline,
          title: 'Capture the latency baseline before cutover',
          input: { step: 'baseline' },
        },
        {
          key: keys.data,
          title: 'Move data with integrity checks',
          dependsOn: [keys.baseline],
          input: { step: 'data' },
        },
        ...(images
          ? [
              {
                key: keys.images,
                title: 'Copy machine images (AMI)',
                input: { step: 'images' },
              },
            ]
          : []),
        {
          key: keys.dnsCutover,
          title: 'Plan the DNS cutover',
          dependsOn: [keys.data, ...(images ? [keys.images] : [])],
          input: { step: 'dns' },
        },
      ];
    },
    async run(ctx) {
      switch (ctx.task.input.step) {
        case 'baseline':
          return captureBaseline(ctx, config);
        case 'data':
          return moveData(ctx, config, capabilities);
        case 'images':
          return copyImages(ctx, capabilities);
        case 'dns':
          return planDnsCutover(ctx);
        default:
          throw new PermanentTaskError(
            `Unknown transfer step ${String(ctx.task.input.step)}`,
          );
      }
    },
    async compensate(ctx) {
      if (ctx.task.input.step === 'images') {
        return removeImageCopies(ctx, capabilities);
      }
      if (ctx.task.input.step !== 'data') return { undone: 0 };
      const removed = await ctx.checkpoint({
        key: 'remove',
        fn: () => removeTransferredData(ctx, config, capabilities),
      });
      return { removed };
    },
  };
}
