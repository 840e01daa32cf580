import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { MigrationAccess } from '../../engine/createMigrationAccess';
import { SUPPORT_CONFIGURE_KEY } from './createSupportExecutor';
import { reportMigration } from './reportMigration';

/**
 * The last task of the migration: `report.json` and `report.md`. `GET /reports` regenerates it
 * on demand, so the stored copy is the state when the support phase ended.
 *
 * @public
 */
export function createReportExecutor(deps: {
  access: MigrationAccess;
}): MigrationExecutor {
  return {
    phase: 'support',
    taskType: TASK_TYPES.supportReport,
    plan: () => [
      {
        key: TASK_TYPES.supportReport,
        title: 'Write the migration report',
        dependsOn: [SUPPORT_CONFIGURE_KEY],
      },
    ],
    async run(ctx) {
      const { report, markdown } = await reportMigration(
        deps.access,
        ctx.migration.id,
      );
      await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.report, report);
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.reportMarkdown,
        markdown,
      );
      await ctx.progress(
        1,
        `${report.moved.length} item(s) moved, ${report.deviations.length} deviation(s)`,
      );
      return {
        moved: report.moved.length,
        deviations: report.deviations.length,
      };
    },
  };
}
