import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  MigrationClient as MigrationBackendClient,
  type ApprovalDecisionRequest,
  type AssessmentOverview,
  type AssessmentResourcesPage,
  type AssessmentResourcesQuery,
  type ListApprovalsResponse,
  type ListEventsQuery,
  type ListEventsResponse,
  type ListMigrationsQuery,
  type ListMigrationsResponse,
  type MigrationControl,
  type MigrationControlRequest,
  type MigrationPhase,
  type MigrationStatusResponse,
  type MonitoringResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationApi } from './MigrationApi';

/**
 * {@link MigrationApi} over HTTP, authenticated through the app's `fetchApi`: the client of
 * `@sirsi-nexus/plugin-migration-common`, generated from the backend's OpenAPI spec.
 *
 * @public
 */
export class MigrationClient implements MigrationApi {
  private readonly client: MigrationBackendClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new MigrationBackendClient(options);
  }

  listMigrations(query?: ListMigrationsQuery): Promise<ListMigrationsResponse> {
    return this.client.listMigrations(query);
  }

  getMigrationStatus(id: string): Promise<MigrationStatusResponse> {
    return this.client.getMigrationStatus(id);
  }

  listEvents(id: string, query?: ListEventsQuery): Promise<ListEventsResponse> {
    return this.client.listEvents(id, query);
  }

  async controlMigration(
    id: string,
    control: MigrationControl,
    request?: MigrationControlRequest,
  ): Promise<void> {
    await this.client.controlMigration(id, control, request);
  }

  async retryTask(id: string, taskId: string): Promise<void> {
    await this.client.retryTask(id, taskId);
  }

  async decideApproval(
    id: string,
    phase: MigrationPhase,
    request: ApprovalDecisionRequest,
  ): Promise<void> {
    await this.client.decideApproval(id, phase, request);
  }

  listPendingApprovals(): Promise<ListApprovalsResponse> {
    return this.client.listApprovals({ status: 'pending' });
  }

  getArtifact(id: string, name: string): Promise<Blob> {
    return this.client.getArtifact(id, name);
  }

  getAssessmentOverview(id: string): Promise<AssessmentOverview> {
    return this.client.getAssessmentOverview(id);
  }

  listAssessmentResources(
    id: string,
    query?: AssessmentResourcesQuery,
  ): Promise<AssessmentResourcesPage> {
    return this.client.listAssessmentResources(id, query);
  }

  getMonitoring(id: string): Promise<MonitoringResponse> {
    return this.client.getMonitoring(id);
  }
}
