import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf, specsOf } from './planEntities';

/** Task type of the built-in specification summary. */
export const SPECIFY_SUMMARY_TASK = 'specify.summarize';

/**
 * `specify`: summarises what is being moved (counts by kind and type, vCPUs, memory and disk
 * from the resources' specs annotation), where to, and in which windows, into
 * `specify-summary.json`. Sizing and cost come from the assessment executors when installed.
 *
 * @public
 */
export function createSpecifyExecutor(): MigrationExecutor {
  return {
    phase: 'specify',
    taskType: SPECIFY_SUMMARY_TASK,
    plan: () => [
      { key: SPECIFY_SUMMARY_TASK, title: 'Summarise what moves where' },
    ],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const byKind: Record<string, number> = {};
      const byType: Record<string, number> = {};
      let vcpus = 0;
      let memoryMiB = 0;
      let diskGiB = 0;
      const withoutSpecs: string[] = [];
      for (const entity of plan.entities) {
        byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
        const type = String(entity.spec?.type ?? 'unknown');
        byType[type] = (byType[type] ?? 0) + 1;
        const specs = specsOf(entity);
        if (!specs) {
          if (entity.kind.toLowerCase() === 'resource') {
            withoutSpecs.push(refOf(entity));
          }
          continue;
        }
        vcpus += specs.specs.vcpus ?? 0;
        memoryMiB += specs.specs.memoryMiB ?? 0;
        diskGiB += (specs.specs.disks ?? []).reduce(
          (sum, d) => sum + (d.sizeGiB ?? 0),
          0,
        );
      }
      const summary = {
        target: ctx.migration.target,
        maintenanceWindows: ctx.migration.options.maintenanceWindows ?? [],
        entities: plan.entities.length,
        byKind,
        byType,
        totals: { vcpus, memoryMiB, diskGiB },
        resourcesWithoutSpecs: withoutSpecs,
      };
      await ctx.artifacts.put('specify-summary.json', asJson(summary));
      return { entities: plan.entities.length, vcpus, memoryMiB, diskGiB };
    },
  };
}
