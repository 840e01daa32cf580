import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf } from './planEntities';

/**
 * A built-in executor for a phase whose real capability is not installed: it records, entity by
 * entity, what the phase would do, changes nothing, and says so (`rehearsal: true`). Its
 * compensation records what would be undone, so rollbacks can be exercised end to end.
 */
export function createRehearsalExecutor(options: {
  phase: 'build' | 'transfer';
  taskType: string;
  title: string;
  artifact: string;
  action: (migration: Migration, ref: string) => string;
}): MigrationExecutor {
  return {
    phase: options.phase,
    taskType: options.taskType,
    plan: () => [{ key: options.taskType, title: options.title }],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const actions = plan.entities.map(entity => ({
        entityRef: refOf(entity),
        action: options.action(ctx.migration, refOf(entity)),
      }));
      await ctx.artifacts.put(
        options.artifact,
        asJson({
          rehearsal: true,
          note: `No ${options.phase} capability is installed: nothing was changed. This records what the phase would do.`,
          target: ctx.migration.target,
          recordedAt: new Date().toISOString(),
          actions,
        }),
      );
      return { rehearsal: true, actions: actions.length };
    },
    async compensate(ctx) {
      const undone = Number(ctx.task.compensates?.output?.actions ?? 0);
      await ctx.artifacts.put(
        options.artifact.replace(/\.json$/, '-rollback.json'),
        {
          rehearsal: true,
          note: `Rollback of the ${options.phase} phase: nothing had been changed, so nothing was undone.`,
          undoneTask: ctx.task.compensates?.taskId ?? null,
          actions: undone,
          recordedAt: new Date().toISOString(),
        },
      );
      return { rehearsal: true, undone };
    },
  };
}

/** Task type of the built-in build rehearsal. */
export const BUILD_TASK = 'build.provision';
/** Task type of the built-in transfer rehearsal. */
export const TRANSFER_TASK = 'transfer.move';

/**
 * `build`: records the target resources that would be provisioned (`build-plan.json`).
 *
 * @public
 */
export function createBuildExecutor(): MigrationExecutor {
  return createRehearsalExecutor({
    phase: 'build',
    taskType: BUILD_TASK,
    title: 'Provision the target infrastructure (rehearsal)',
    artifact: 'build-plan.json',
    action: (m, ref) =>
      `provision a ${m.target.provider} counterpart of ${ref} in ${m.target.region}`,
  });
}

/**
 * `transfer`: records what would be moved (`transfer-plan.json`).
 *
 * @public
 */
export function createTransferExecutor(): MigrationExecutor {
  return createRehearsalExecutor({
    phase: 'transfer',
    taskType: TRANSFER_TASK,
    title: 'Move data and applications (rehearsal)',
    artifact: 'transfer-plan.json',
    action: (m, ref) =>
      `replicate ${ref} to ${m.target.provider} ${m.target.region} and cut over`,
  });
}
