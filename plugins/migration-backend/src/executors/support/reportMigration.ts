import {
  MIGRATION_ARTIFACTS,
  type MigrationReportResponse,
} from '@sirsi-nexus/plugin-migration-common';
import {
  buildMigrationReport,
  renderReportMarkdown,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { readArtifact } from '@sirsi-nexus/plugin-migration-node';
import type { MigrationAccess } from '../../engine/createMigrationAccess';

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
    assessment: await readArtifact(artifacts, MIGRATION_ARTIFACTS.assessment),
    businessCase: await readArtifact(
      artifacts,
      MIGRATION_ARTIFACTS.businessCase,
    ),
    build: await readArtifact(artifacts, MIGRATION_ARTIFACTS.build),
    transfer: await readArtifact(artifacts, MIGRATION_ARTIFACTS.transfer),
    dnsCutover: await readArtifact(artifacts, MIGRATION_ARTIFACTS.dnsCutover),
    validation: await readArtifact(artifacts, MIGRATION_ARTIFACTS.validation),
    optimization: await readArtifact(
      artifacts,
      MIGRATION_ARTIFACTS.optimization,
    ),
    support: await readArtifact(artifacts, MIGRATION_ARTIFACTS.support),
  });
  return { report, markdown: renderReportMarkdown(report) };
}
