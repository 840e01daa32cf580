import type {
  Approval,
  ArtifactSummary,
  AuditEvent,
  EnvironmentSummary,
  Migration,
  MigrationOptions,
  MigrationPhaseState,
  MigrationStatus,
  MigrationTarget,
} from './migration';
import type { MigrationPhase } from './phases';

/**
 * Body of `POST /api/migration/migrations`.
 *
 * @public
 */
export interface CreateMigrationRequest {
  title: string;
  sourceEnvironmentId: string;
  target: MigrationTarget;
  entityRefs: string[];
  /** Defaults to the requester's entity ref. */
  owner?: string;
  options?: MigrationOptions;
  /** The requester's acknowledgement of `migration.policy.acknowledgement`, when configured. */
  policyAcknowledged?: boolean;
  /** Makes creation idempotent: the same key returns the migration created first. */
  idempotencyKey?: string;
}

/**
 * Response of `GET /api/migration/migrations`.
 *
 * @public
 */
export interface ListMigrationsResponse {
  items: Migration[];
  totalCount: number;
}

/**
 * Query of `GET /api/migration/migrations`.
 *
 * @public
 */
export interface ListMigrationsQuery {
  status?: MigrationStatus[];
  owner?: string;
  /**
   * Only migrations that include this entity, or any of these (at most 100; case-insensitive) —
   * e.g. a system and its parts in one request.
   */
  entityRef?: string | string[];
  limit?: number;
  offset?: number;
}

/**
 * Response of `GET /api/migration/migrations/{id}/status`: the migration with its phases, tasks
 * and approvals.
 *
 * @public
 */
export interface MigrationStatusResponse {
  migration: Migration;
  phases: MigrationPhaseState[];
  artifacts: ArtifactSummary[];
}

/**
 * Body of `POST /api/migration/migrations/{id}/approvals/{phase}`.
 *
 * @public
 */
export interface ApprovalDecisionRequest {
  decision: 'approve' | 'reject';
  comment: string;
}

/**
 * Optional body of `POST /api/migration/migrations/{id}/pause`, `/resume`, `/cancel` and
 * `/rollback`: why, recorded in the audit trail.
 *
 * @public
 */
export interface MigrationControlRequest {
  reason?: string;
}

/**
 * Query of `GET /api/migration/approvals`.
 *
 * @public
 */
export interface ListApprovalsQuery {
  /** Defaults to `pending`. */
  status?: Approval['status'];
}

/**
 * Query of `GET /api/migration/migrations/{id}/events`: events with an id greater than `after`,
 * oldest first, at most `limit` (default 100, at most 1000).
 *
 * @public
 */
export interface ListEventsQuery {
  after?: number;
  limit?: number;
}

/**
 * An approval waiting for a decision, with enough of its migration to decide.
 *
 * @public
 */
export interface PendingApproval extends Approval {
  migration: Migration;
}

/**
 * Response of `GET /api/migration/approvals`.
 *
 * @public
 */
export interface ListApprovalsResponse {
  items: PendingApproval[];
}

/**
 * Response of `GET /api/migration/migrations/{id}/events`.
 *
 * @public
 */
export interface ListEventsResponse {
  items: AuditEvent[];
}

/**
 * Response of `GET /api/migration/providers`.
 *
 * @public
 */
export interface ListProvidersResponse {
  items: EnvironmentSummary[];
}

/**
 * Body of `POST /api/migration/discovery`.
 *
 * @public
 */
export interface DiscoveryRequest {
  environmentId: string;
}

/**
 * Response of `POST /api/migration/discovery`.
 *
 * @public
 */
export interface DiscoverySummary {
  environmentId: string;
  countsByKind: Record<string, number>;
  total: number;
  warnings: string[];
  durationMs: number;
  /**
   * Counters of what was read, e.g. `rowsRead`, `rowsImported`, `rowsRejected` for inventory
   * files, `warningsDropped` when more warnings came than `warnings` keeps.
   */
  stats?: Record<string, number>;
}

/**
 * Phases that were requested to stop for approval (from config).
 *
 * @public
 */
export type GatedPhases = MigrationPhase[];

/**
 * Body of `POST /api/migration/analyze`: a preview assessment of a selection, nothing is created.
 * The response is an `Assessment` (see assessment.ts).
 *
 * @public
 */
export interface AnalyzeRequest {
  entityRefs: string[];
  target: MigrationTarget;
  sourceEnvironmentId?: string;
  options?: MigrationOptions;
}
