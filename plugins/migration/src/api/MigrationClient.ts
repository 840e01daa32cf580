import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ApprovalDecisionRequest,
  ListApprovalsResponse,
  ListEventsQuery,
  ListEventsResponse,
  ListMigrationsQuery,
  ListMigrationsResponse,
  MigrationControlRequest,
  MigrationPhase,
  MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationApi, MigrationControl } from './MigrationApi';

/**
 * {@link MigrationApi} over HTTP, authenticated through the app's `fetchApi`.
 *
 * @public
 */
export class MigrationClient implements MigrationApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listMigrations(
    query: ListMigrationsQuery = {},
  ): Promise<ListMigrationsResponse> {
    const params = new URLSearchParams();
    for (const status of query.status ?? []) {
      params.append('status', status);
    }
    if (query.owner) params.set('owner', query.owner);
    for (const entityRef of [query.entityRef ?? []].flat()) {
      params.append('entityRef', entityRef);
    }
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.offset !== undefined) params.set('offset', String(query.offset));
    const search = params.toString();
    return this.json(`/migrations${search ? `?${search}` : ''}`);
  }

  async getMigrationStatus(id: string): Promise<MigrationStatusResponse> {
    return this.json(`/migrations/${encodeURIComponent(id)}/status`);
  }

  async listEvents(
    id: string,
    query: ListEventsQuery = {},
  ): Promise<ListEventsResponse> {
    const params = new URLSearchParams();
    if (query.after !== undefined) params.set('after', String(query.after));
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const search = params.toString();
    return this.json(
      `/migrations/${encodeURIComponent(id)}/events${
        search ? `?${search}` : ''
      }`,
    );
  }

  async controlMigration(
    id: string,
    control: MigrationControl,
    request: MigrationControlRequest = {},
  ): Promise<void> {
    await this.send(
      `/migrations/${encodeURIComponent(id)}/${control}`,
      request,
    );
  }

  async retryTask(id: string, taskId: string): Promise<void> {
    await this.send(
      `/migrations/${encodeURIComponent(id)}/tasks/${encodeURIComponent(
        taskId,
      )}/retry`,
      {},
    );
  }

  async decideApproval(
    id: string,
    phase: MigrationPhase,
    request: ApprovalDecisionRequest,
  ): Promise<void> {
    await this.send(
      `/migrations/${encodeURIComponent(id)}/approvals/${encodeURIComponent(
        phase,
      )}`,
      request,
    );
  }

  async listPendingApprovals(): Promise<ListApprovalsResponse> {
    return this.json('/approvals?status=pending');
  }

  async getArtifact(id: string, name: string): Promise<Blob> {
    const response = await this.fetch(
      `/migrations/${encodeURIComponent(id)}/artifacts/${encodeURIComponent(
        name,
      )}`,
    );
    return response.blob();
  }

  private async json<T>(path: string): Promise<T> {
    const response = await this.fetch(path);
    return (await response.json()) as T;
  }

  private async send(path: string, body: object): Promise<void> {
    await this.fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  private async fetch(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('migration');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
