import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ApprovalDecisionRequest,
  AssessmentOverview,
  AssessmentResourcesPage,
  AssessmentResourcesQuery,
  ListApprovalsResponse,
  ListEventsQuery,
  ListEventsResponse,
  ListMigrationsQuery,
  ListMigrationsResponse,
  MigrationControl,
  MigrationControlRequest,
  MigrationPhase,
  MigrationStatusResponse,
  MonitoringResponse,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Client of the migration backend (`/api/migration`). Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error.
 *
 * @public
 */
export interface MigrationApi {
  /** Lists migrations, optionally filtered by status, owner or a catalog entity they touch. */
  listMigrations(query?: ListMigrationsQuery): Promise<ListMigrationsResponse>;

  /** The migration with its nine phases, their tasks and approvals, and its artifacts. */
  getMigrationStatus(id: string): Promise<MigrationStatusResponse>;

  /** A page of the audit trail of a migration, oldest first. */
  listEvents(id: string, query?: ListEventsQuery): Promise<ListEventsResponse>;

  /** Pauses, resumes, cancels or rolls back a migration; the reason goes to the audit trail. */
  controlMigration(
    id: string,
    control: MigrationControl,
    request?: MigrationControlRequest,
  ): Promise<void>;

  /** Retries a failed task. */
  retryTask(id: string, taskId: string): Promise<void>;

  /** Approves or rejects the gate of a phase. */
  decideApproval(
    id: string,
    phase: MigrationPhase,
    request: ApprovalDecisionRequest,
  ): Promise<void>;

  /** Approvals waiting for a decision. */
  listPendingApprovals(): Promise<ListApprovalsResponse>;

  /** The content of an artifact. */
  getArtifact(id: string, name: string): Promise<Blob>;

  /** The stored assessment without its per-resource blocks, with the resources' names and risks. */
  getAssessmentOverview(id: string): Promise<AssessmentOverview>;

  /** A page of the stored assessment's resources: filtered, sorted and counted. */
  listAssessmentResources(
    id: string,
    query?: AssessmentResourcesQuery,
  ): Promise<AssessmentResourcesPage>;

  /**
   * The monitoring configuration with the latest alerts Alertmanager delivered, each linked to
   * the migration resource its instance names (when one does).
   */
  getMonitoring(id: string): Promise<MonitoringResponse>;
}

/**
 * API reference of {@link MigrationApi}.
 *
 * @public
 */
export const migrationApiRef = createApiRef<MigrationApi>({
  id: 'plugin.migration.api',
});
