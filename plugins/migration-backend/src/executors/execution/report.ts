import type {
  Assessment,
  BuildReport,
  DnsCutoverPlan,
  MigrationReportResponse,
  OptimizationReport,
  SupportConfiguration,
  TransferReport,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  buildMigrationReport,
  renderReportMarkdown,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import type { MigrationAccess } from './access';
import { BUILD_ARTIFACT } from './build';
import { asJson } from './json';
import { OPTIMIZATION_ARTIFACT } from './optimize';
import { SUPPORT_ARTIFACT, SUPPORT_TASK_KEY } from './support';
import { DNS_ARTIFACT, TRANSFER_ARTIFACT } from './transfer';
import { VALIDATION_ARTIFACT } from './validate';

/** Task type of the report executor. */
export const REPORT_TASK = 'support.report';
export const REPORT_JSON_ARTIFACT = 'report.json';
export const REPORT_MARKDOWN_ARTIFACT = 'report.md';

/**
 * The migration report from the migration's current state and artifacts. Shared by the report
 * task and `GET /migrations/{id}/reports`.
 *
 * @public
 */
export async function reportMigration(
  access: MigrationAccess,
  migrationId: string,
): Promise<MigrationReportResponse> {
  const [{ migration, phases }, events] = await Promise.all([
    access.getStatus(migrationId),
    access.listEvents(migrationId),
  ]);
  const artifacts = access.artifacts(migrationId);
  const report = buildMigrationReport({
    migration,
    phases,
    events,
    assessment: await artifacts.getJson<Assessment>('assessment.json'),
    build: await artifacts.getJson<BuildReport>(BUILD_ARTIFACT),
    transfer: await artifacts.getJson<TransferReport>(TRANSFER_ARTIFACT),
    dnsCutover: await artifacts.getJson<DnsCutoverPlan>(DNS_ARTIFACT),
    validation: await artifacts.getJson<ValidationReport>(VALIDATION_ARTIFACT),
    optimization: await artifacts.getJson<OptimizationReport>(
      OPTIMIZATION_ARTIFACT,
    ),
    support: await artifacts.getJson<SupportConfiguration>(SUPPORT_ARTIFACT),
  });
  return { report, markdown: renderReportMarkdown(report) };
}

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
    taskType: REPORT_TASK,
    plan: () => [
      {
        key: REPORT_TASK,
        title: 'Write the migration report',
        dependsOn: [SUPPORT_TASK_KEY],
      },
    ],
    async run(ctx) {
      const { report, markdown } = await reportMigration(
        deps.access,
        ctx.migration.id,
      );
      await ctx.artifacts.put(REPORT_JSON_ARTIFACT, asJson(report));
      await ctx.artifacts.put(REPORT_MARKDOWN_ARTIFACT, markdown, {
        mediaType: 'text/markdown; charset=utf-8',
      });
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
