import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  MIGRATION_ARTIFACTS,
  assessmentOverview,
  pageAssessmentResources,
  parseArtifact,
  type Assessment,
  type AssessmentOverview,
  type AssessmentResourcesPage,
  type AssessmentResourcesQuery,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  ApprovalDecisionRequest,
  ListApprovalsResponse,
  ListEventsQuery,
  ListEventsResponse,
  ListMigrationsQuery,
  ListMigrationsResponse,
  Migration,
  MigrationControlRequest,
  MigrationPhase,
  MigrationStatusResponse,
  PendingApproval,
  AuditEvent,
  ReceivedAlert,
  MonitoringResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationApi, MigrationControl } from '../api';

/**
 * In-memory {@link MigrationApi} for component tests. State is plain data the test changes;
 * every method is a jest mock so tests can assert calls.
 */
export class FakeMigrationApi implements MigrationApi {
  migrations: Migration[] = [];
  statuses = new Map<string, MigrationStatusResponse>();
  events = new Map<string, AuditEvent[]>();
  approvals: PendingApproval[] = [];
  artifacts = new Map<string, Blob>();
  /** Received alerts per migration id. */
  alerts = new Map<string, ReceivedAlert[]>();
  /** When set, every call rejects with it. */
  failWith?: Error;

  listMigrations = jest.fn(
    async (
      query: ListMigrationsQuery = {},
    ): Promise<ListMigrationsResponse> => {
      this.check();
      const items = this.migrations.filter(
        m =>
          (!query.status?.length || query.status.includes(m.status)) &&
          (!query.owner || m.owner === query.owner) &&
          (!query.entityRef ||
            // An `involvement` says the backend matched it through a system, group or part.
            'involvement' in m ||
            [query.entityRef].flat().some(ref => m.entityRefs.includes(ref))),
      );
      return { items, totalCount: items.length };
    },
  );

  getMigrationStatus = jest.fn(
    async (id: string): Promise<MigrationStatusResponse> => {
      this.check();
      const status = this.statuses.get(id);
      if (!status) throw new NotFoundError(`No migration with id ${id}`);
      return structuredClone(status);
    },
  );

  listEvents = jest.fn(
    async (
      id: string,
      query: ListEventsQuery = {},
    ): Promise<ListEventsResponse> => {
      this.check();
      const all = this.events.get(id) ?? [];
      const after = query.after ?? -Infinity;
      return {
        items: all.filter(e => e.id > after).slice(0, query.limit ?? 100),
      };
    },
  );

  controlMigration = jest.fn(
    async (
      _id: string,
      _control: MigrationControl,
      _request?: MigrationControlRequest,
    ): Promise<void> => {
      this.check();
    },
  );

  retryTask = jest.fn(async (_id: string, _taskId: string): Promise<void> => {
    this.check();
  });

  decideApproval = jest.fn(
    async (
      id: string,
      phase: MigrationPhase,
      _request: ApprovalDecisionRequest,
    ): Promise<void> => {
      this.check();
      this.approvals = this.approvals.filter(
        a => !(a.migrationId === id && a.phase === phase),
      );
    },
  );

  listPendingApprovals = jest.fn(async (): Promise<ListApprovalsResponse> => {
    this.check();
    return { items: this.approvals };
  });

  getArtifact = jest.fn(async (id: string, name: string): Promise<Blob> => {
    this.check();
    const blob = this.artifacts.get(`${id}/${name}`);
    if (!blob) throw new NotFoundError(`No artifact ${name}`);
    return blob;
  });

  getMonitoring = jest.fn(async (id: string): Promise<MonitoringResponse> => {
    this.check();
    return { alerts: this.alerts.get(id) ?? [] };
  });

  /** Served like the backend: from the stored `assessment.json`, checked by the contract. */
  getAssessmentOverview = jest.fn(
    async (id: string): Promise<AssessmentOverview> =>
      assessmentOverview(await this.storedAssessment(id)),
  );

  listAssessmentResources = jest.fn(
    async (
      id: string,
      query?: AssessmentResourcesQuery,
    ): Promise<AssessmentResourcesPage> =>
      pageAssessmentResources(
        (await this.storedAssessment(id)).resources,
        query,
      ),
  );

  private async storedAssessment(id: string): Promise<Assessment> {
    const definition = MIGRATION_ARTIFACTS.assessment;
    // Not through getArtifact: tests assert that the page never downloads assessment.json.
    this.check();
    const blob = this.artifacts.get(`${id}/${definition.name}`);
    if (!blob) throw new NotFoundError(`No artifact ${definition.name}`);
    try {
      return parseArtifact(definition, JSON.parse(await blob.text()));
    } catch (e) {
      throw new ConflictError((e as Error).message);
    }
  }

  /** Stores a JSON artifact's content. */
  putJson(id: string, name: string, value: unknown) {
    this.artifacts.set(
      `${id}/${name}`,
      new Blob([JSON.stringify(value)], { type: 'application/json' }),
    );
  }

  private check() {
    if (this.failWith) throw this.failWith;
  }
}
