import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readMigrationResources,
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { specsOf } from './resourceSpecs';

/**
 * `specify`: summarises what is being moved (counts by kind and type, vCPUs, memory and disk
 * from the resources' specs annotation), where to, and in which windows, into
 * `specify-summary.json`. Sizing and cost come from the assessment executors when installed.
 *
 * @public
 */
export function createSpecifySummaryExecutor(): MigrationExecutor {
  return {
    phase: 'specify',
    taskType: TASK_TYPES.specifySummarize,
    plan: () => [
      { key: TASK_TYPES.specifySummarize, title: 'Summarise what moves where' },
    ],
    async run(ctx) {
      const captured = await readMigrationResources(ctx.artifacts);
      const byKind: Record<string, number> = {};
      const byType: Record<string, number> = {};
      let vcpus = 0;
      let memoryMiB = 0;
      let diskGiB = 0;
      const withoutSpecs: string[] = [];
      for (const { entity, entityRef } of captured) {
        byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
        const type = String(entity.spec?.type ?? 'unknown');
        byType[type] = (byType[type] ?? 0) + 1;
        const specs = specsOf(entity);
        if (!specs) {
          if (entity.kind.toLowerCase() === 'resource') {
            withoutSpecs.push(entityRef);
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
        entities: captured.length,
        byKind,
        byType,
        totals: { vcpus, memoryMiB, diskGiB },
        resourcesWithoutSpecs: withoutSpecs,
      };
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.specifySummary,
        summary,
      );
      return { entities: captured.length, vcpus, memoryMiB, diskGiB };
    },
  };
}
