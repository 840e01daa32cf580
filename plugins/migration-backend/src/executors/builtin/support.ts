import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf } from './planEntities';

/** Task type of the built-in support hand-over. */
export const SUPPORT_TASK = 'support.record-configuration';

/**
 * `support`: records the configuration the migrated estate is handed over with — owner, target,
 * compliance profile, the entities and who requested and approved — into `support.json`.
 * Monitoring, alert and backup set-up come from the support capability when installed.
 *
 * @public
 */
export function createSupportExecutor(): MigrationExecutor {
  return {
    phase: 'support',
    taskType: SUPPORT_TASK,
    plan: () => [
      { key: SUPPORT_TASK, title: 'Record the support configuration' },
    ],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const m = ctx.migration;
      await ctx.artifacts.put(
        'support.json',
        asJson({
          recordedAt: new Date().toISOString(),
          owner: m.owner,
          requestedBy: m.requestedBy,
          target: m.target,
          complianceProfile: m.options.complianceProfile ?? 'none',
          gatedPhases: m.gatedPhases ?? [],
          entities: plan.entities.map(refOf),
          monitoring: {
            configured: false,
            note: 'No monitoring capability is installed; set up monitoring, alerts and backups for the entities listed here.',
          },
        }),
      );
      return { entities: plan.entities.length };
    },
  };
}
