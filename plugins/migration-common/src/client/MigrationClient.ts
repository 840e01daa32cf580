import type {
  Assessment,
  AssessmentOverview,
  AssessmentResourcesPage,
  AssessmentResourcesQuery,
} from '../assessment';
import type {
  AnalyzeRequest,
  ApprovalDecisionRequest,
  CreateMigrationRequest,
  DiscoveryRequest,
  DiscoverySummary,
  ListApprovalsQuery,
  ListApprovalsResponse,
  ListEventsQuery,
  ListEventsResponse,
  ListMigrationsQuery,
  ListMigrationsResponse,
  ListProvidersResponse,
  MigrationControlRequest,
  MigrationStatusResponse,
} from '../api';
import type {
  AlertIngestResult,
  ConfigureSupportRequest,
  MigrationReportResponse,
  MonitoringResponse,
  OptimizationReport,
  SupportConfiguration,
  ValidationReport,
} from '../execution';
import type { Approval, Migration, MigrationTask } from '../migration';
import type { MigrationPhase } from '../phases';
import {
  DefaultApiClient,
  type ReoptimizeRequest,
  type RevalidateRequest,
} from '../schema/openapi';
import { assertOk, readJson } from './readJson';

/**
 * A control that changes the state of a whole migration.
 *
 * @public
 */
export type MigrationControl = 'pause' | 'resume' | 'cancel' | 'rollback';

/**
 * Options of every call: a backend calls with a token (e.g. one minted on behalf of a user);
 * the app's fetchApi adds the user's own.
 *
 * @public
 */
export interface MigrationRequestOptions {
  /** Sent as the bearer token of the request. */
  token?: string;
}

/**
 * The migration backend's API (`/api/migration`) over HTTP: the client generated from its
 * OpenAPI spec, answering with the domain types of this package. Every method rejects with a
 * `ResponseError` from `@backstage/errors` when the backend answers with an error.
 *
 * @public
 */
export class MigrationClient {
  private readonly api: DefaultApiClient;

  constructor(options: {
    discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
    fetchApi?: { fetch: typeof fetch };
  }) {
    this.api = new DefaultApiClient(options);
  }

  /** Configured environments with their last validation. */
  async listProviders(
    options?: MigrationRequestOptions,
  ): Promise<ListProvidersResponse> {
    return readJson(await this.api.listProviders(options));
  }

  /** Creates and starts a migration; `created` is false when the idempotency key was used before. */
  async createMigration(
    request: CreateMigrationRequest,
    options?: MigrationRequestOptions,
  ): Promise<{ migration: Migration; created: boolean }> {
    const response = await this.api.createMigration({ body: request }, options);
    const migration: Migration = await readJson(response);
    return { migration, created: response.status === 201 };
  }

  /** Lists migrations, optionally filtered by status, owner or a catalog entity they touch. */
  async listMigrations(
    query: ListMigrationsQuery = {},
    options?: MigrationRequestOptions,
  ): Promise<ListMigrationsResponse> {
    const { entityRef, ...rest } = query;
    return readJson(
      await this.api.listMigrations(
        {
          query: {
            ...rest,
            entityRef: entityRef === undefined ? undefined : [entityRef].flat(),
          },
        },
        options,
      ),
    );
  }

  /** One migration. */
  async getMigration(
    id: string,
    options?: MigrationRequestOptions,
  ): Promise<Migration> {
    return readJson(await this.api.getMigration({ path: { id } }, options));
  }

  /** The migration with its nine phases, their tasks and approvals, and its artifacts. */
  async getMigrationStatus(
    id: string,
    options?: MigrationRequestOptions,
  ): Promise<MigrationStatusResponse> {
    return readJson(
      await this.api.getMigrationStatus({ path: { id } }, options),
    );
  }

  /** Pauses, resumes, cancels or rolls back a migration; the reason goes to the audit trail. */
  async controlMigration(
    id: string,
    control: MigrationControl,
    request: MigrationControlRequest = {},
    options?: MigrationRequestOptions,
  ): Promise<Migration> {
    const call = { path: { id }, body: request };
    const calls = {
      pause: () => this.api.pauseMigration(call, options),
      resume: () => this.api.resumeMigration(call, options),
      cancel: () => this.api.cancelMigration(call, options),
      rollback: () => this.api.rollbackMigration(call, options),
    };
    return readJson(await calls[control]());
  }

  /** Gives a failed task a fresh set of attempts. */
  async retryTask(
    id: string,
    taskId: string,
    options?: MigrationRequestOptions,
  ): Promise<MigrationTask> {
    return readJson(
      await this.api.retryTask({ path: { id, taskId }, body: {} }, options),
    );
  }

  /** Approves or rejects the gate of a phase. */
  async decideApproval(
    id: string,
    phase: MigrationPhase,
    request: ApprovalDecisionRequest,
    options?: MigrationRequestOptions,
  ): Promise<Approval> {
    return readJson(
      await this.api.decideApproval(
        { path: { id, phase }, body: request },
        options,
      ),
    );
  }

  /** Approvals by status (pending by default). */
  async listApprovals(
    query: ListApprovalsQuery = {},
    options?: MigrationRequestOptions,
  ): Promise<ListApprovalsResponse> {
    return readJson(await this.api.listApprovals({ query }, options));
  }

  /** A page of the audit trail of a migration, oldest first. */
  async listEvents(
    id: string,
    query: ListEventsQuery = {},
    options?: MigrationRequestOptions,
  ): Promise<ListEventsResponse> {
    return readJson(
      await this.api.listEvents({ path: { id }, query }, options),
    );
  }

  /** The content of an artifact, with its media type. */
  async getArtifact(
    id: string,
    name: string,
    options?: MigrationRequestOptions,
  ): Promise<Blob> {
    const response = await this.api.getArtifact(
      { path: { id, name } },
      options,
    );
    return (await assertOk(response)).blob();
  }

  /** The stored assessment without its per-resource blocks, with the resources' names and risks. */
  async getAssessmentOverview(
    id: string,
    options?: MigrationRequestOptions,
  ): Promise<AssessmentOverview> {
    const response = await this.api.getAssessmentOverview(
      { path: { id } },
      options,
    );
    return readJson(response) as Promise<AssessmentOverview>;
  }

  /** A page of the stored assessment's resources: filtered, sorted and counted. */
  async listAssessmentResources(
    id: string,
    query: AssessmentResourcesQuery = {},
    options?: MigrationRequestOptions,
  ): Promise<AssessmentResourcesPage> {
    const response = await this.api.listAssessmentResources(
      { path: { id }, query },
      options,
    );
    return readJson(response) as Promise<AssessmentResourcesPage>;
  }

  /** A preview assessment of a selection for a target; nothing is stored. */
  async analyze(
    request: AnalyzeRequest,
    options?: MigrationRequestOptions,
  ): Promise<Assessment> {
    const response = await this.api.analyze({ body: request }, options);
    return (await readJson(response)) as unknown as Assessment;
  }

  /** Runs one discovery of a configured environment. */
  async runDiscovery(
    request: DiscoveryRequest,
    options?: MigrationRequestOptions,
  ): Promise<DiscoverySummary> {
    return readJson(await this.api.runDiscovery({ body: request }, options));
  }

  /** Re-runs the validation checks, probing the extra endpoints, and stores the report. */
  async revalidateMigration(
    id: string,
    request: RevalidateRequest = {},
    options?: MigrationRequestOptions,
  ): Promise<ValidationReport> {
    const response = await this.api.revalidateMigration(
      { path: { id }, body: request },
      options,
    );
    return (await readJson(response)) as unknown as ValidationReport;
  }

  /** Re-computes the recommendations, optionally from post-migration utilization. */
  async reoptimizeMigration(
    id: string,
    request: ReoptimizeRequest = {},
    options?: MigrationRequestOptions,
  ): Promise<OptimizationReport> {
    const response = await this.api.reoptimizeMigration(
      { path: { id }, body: request },
      options,
    );
    return (await readJson(response)) as unknown as OptimizationReport;
  }

  /** Stores a monitoring configuration and generates it as code. */
  async configureSupport(
    id: string,
    request: ConfigureSupportRequest,
    options?: MigrationRequestOptions,
  ): Promise<SupportConfiguration> {
    const response = await this.api.configureSupport(
      { path: { id }, body: request },
      options,
    );
    return (await readJson(response)) as unknown as SupportConfiguration;
  }

  /** The monitoring configuration with the latest alerts. */
  async getMonitoring(
    id: string,
    options?: MigrationRequestOptions,
  ): Promise<MonitoringResponse> {
    const response = await this.api.getMonitoring({ path: { id } }, options);
    return (await readJson(response)) as unknown as MonitoringResponse;
  }

  /** Posts an Alertmanager webhook payload (version 4). */
  async ingestAlerts(
    id: string,
    payload: object,
    options?: MigrationRequestOptions,
  ): Promise<AlertIngestResult> {
    return readJson(
      await this.api.ingestAlerts(
        { path: { id }, body: { ...payload } },
        options,
      ),
    );
  }

  /** The migration report, as data and as Markdown. */
  async getReport(
    id: string,
    options?: MigrationRequestOptions,
  ): Promise<MigrationReportResponse> {
    const response = await this.api.getReport({ path: { id } }, options);
    return (await readJson(response)) as unknown as MigrationReportResponse;
  }
}
