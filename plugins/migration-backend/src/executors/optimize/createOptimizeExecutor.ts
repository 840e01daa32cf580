import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { optimizeMigration } from './optimizeMigration';

/**
 * `optimize`: cost, performance and sustainability recommendations into `optimization.json`.
 *
 * @public
 */
export function createOptimizeExecutor(deps: {
  config: ExecutionConfig;
}): MigrationExecutor {
  return {
    phase: 'optimize',
    taskType: TASK_TYPES.optimizeRecommend,
    plan: () => [
      {
        key: TASK_TYPES.optimizeRecommend,
        title: 'Recommend cost, performance and sustainability improvements',
      },
    ],
    async run(ctx) {
      const report = await optimizeMigration({
        migration: ctx.migration,
        artifacts: ctx.artifacts,
        config: deps.config,
      });
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.optimization,
        report,
      );
      await ctx.progress(
        1,
        `${report.recommendations.length} recommendation(s)`,
      );
      return {
        recommendations: report.recommendations.length,
        monthlySavings: report.totalEstimatedMonthlySavings,
        kgCo2ePerMonth: report.carbon?.kgCo2ePerMonth ?? null,
      };
    },
  };
}
