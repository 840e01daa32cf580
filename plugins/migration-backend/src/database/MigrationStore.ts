import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  Approval,
  ArtifactSummary,
  AuditEvent,
  EnvironmentCheck,
  ListMigrationsQuery,
  Migration,
  MigrationPhase,
  MigrationPhaseState,
  MigrationStatus,
  MigrationTask,
  PendingApproval,
  PhaseStatus,
  TaskStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { JournalStore } from './JournalStore';
import type { ClaimRequest, ClaimedTask, TaskOutcome } from './taskRecords';

export type { ClaimRequest, ClaimedTask, TaskOutcome } from './taskRecords';

export type {
  AuditEntry,
  EntityMatch,
  ListMigrationsOptions,
  MigrationRowFilter,
  NewMigration,
  ResolvedResource,
} from './records';
import type {
  AuditEntry,
  ListMigrationsOptions,
  MigrationRowFilter,
  NewMigration,
  ResolvedResource,
} from './records';

/**
 * A task to insert when a phase opens or a rollback starts.
 *
 * @public
 */
export interface NewTask {
  id: string;
  phase: MigrationPhase;
  taskType: string;
  key: string;
  title: string;
  mode: 'run' | 'compensate';
  /** For compensation tasks: the task it undoes. */
  compensatesTaskId?: string;
  maxAttempts: number;
  input: JsonObject;
  /** Ids of tasks (new or existing) this one waits for. */
  dependsOnTaskIds: string[];
}

/**
 * What a heartbeat found: the lease held, held while the migration is paused, or lost.
 *
 * @public
 */
export type HeartbeatResult = 'held' | 'paused' | 'lost';

/**
 * A lease the janitor returned.
 *
 * @public
 */
export interface ExpiredLease {
  taskId: string;
  migrationId: string;
  phase: MigrationPhase;
  /** `ready` when it will run again, `failed` when its workers kept dying. */
  status: TaskStatus;
  migrationStatus?: MigrationStatus;
}

/**
 * A phase with task counts, approval and gate, as the engine needs them to move on.
 *
 * @public
 */
export interface PhaseSummary {
  phase: MigrationPhase;
  status: PhaseStatus;
  approvalStatus?: Approval['status'];
  /** Run tasks by state. */
  run: { open: number; failed: number; done: number };
  /** Compensation tasks by state. */
  compensate: { open: number; failed: number; done: number };
}

/**
 * Result of planning a phase.
 *
 * @public
 */
export type OpenPhaseResult =
  | 'opened'
  /** The phase had no tasks and is done. */
  | 'skipped'
  /** Someone else opened it first, or the migration moved on. */
  | 'conflict';

/**
 * Persistence of migrations, their phases, tasks, approvals, audit trail, artifacts and task
 * journals. Every method is one transaction: either all of its writes happen or none.
 *
 * @public
 */
export interface MigrationStore extends JournalStore {
  // Migrations

  /** Inserts a running migration with its nine pending phases; a repeated idempotency key returns the first one. */
  createMigration(
    input: NewMigration,
    audit: AuditEntry,
  ): Promise<{ migration: Migration; created: boolean }>;
  getMigration(id: string): Promise<Migration | undefined>;
  listMigrations(
    query: ListMigrationsQuery,
    options?: ListMigrationsOptions,
  ): Promise<{ items: Migration[]; totalCount: number }>;
  /**
   * Replaces the resolved resources of a migration with `resources` (idempotent); the waves of
   * entities that stay are kept.
   */
  replaceMigrationResources(
    migrationId: string,
    resources: ResolvedResource[],
  ): Promise<void>;
  /** Sets the wave of each listed resolved entity of a migration (refs compared lower-case). */
  setMigrationResourceWaves(
    migrationId: string,
    waves: Array<{ entityRef: string; wave: number }>,
  ): Promise<void>;
  /** Ids of migrations the engine may have to move forward (`running`, `rolling_back`). */
  listActiveMigrationIds(): Promise<string[]>;
  /** The nine phases with their tasks and approvals. */
  getPhases(migrationId: string): Promise<MigrationPhaseState[]>;
  /**
   * Moves a migration from one of `from` to `to`. Throws NotFoundError for an unknown id and
   * ConflictError when the migration is not in one of `from`.
   */
  transitionMigration(options: {
    id: string;
    from: MigrationStatus[];
    to: MigrationStatus;
    /** Sets (string) or clears (null) the status reason; undefined leaves it. */
    reason?: string | null;
    audit: AuditEntry;
    /** Cancel every task, phase and approval still open (used by cancel). */
    closeOpenWork?: boolean;
  }): Promise<Migration>;

  // Phases

  /** Opens a pending phase with its planned tasks (none: the phase is skipped). */
  openPhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    tasks: NewTask[];
    audit: AuditEntry;
  }): Promise<OpenPhaseResult>;
  /** Stops a pending phase for approval; false when it was not pending. */
  gatePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<boolean>;
  /** Marks a running phase whose tasks all succeeded (or were skipped) as succeeded. */
  completePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<{ durationMs: number } | undefined>;
  /** Running and no phase left: completed. False when it was not running. */
  completeMigration(migrationId: string, audit: AuditEntry): Promise<boolean>;
  /** Rolling back and all compensations succeeded: rolled back. */
  finishRollback(migrationId: string, audit: AuditEntry): Promise<boolean>;

  // Approvals

  /**
   * Decides a pending approval of a migration awaiting it. Approve: the migration runs again and
   * the phase opens; reject: the migration fails with the comment as the reason.
   */
  decideApproval(options: {
    migrationId: string;
    phase: MigrationPhase;
    decision: 'approve' | 'reject';
    decidedBy: string;
    comment: string;
  }): Promise<{ approval: Approval; migration: Migration }>;
  listApprovals(options: {
    status: Approval['status'];
    /** Only approvals of migrations this filter keeps. */
    where?: MigrationRowFilter;
  }): Promise<PendingApproval[]>;

  // Controls

  /** Starts a rollback: closes open run tasks, inserts the compensations, status rolling_back. */
  startRollback(options: {
    migrationId: string;
    from: MigrationStatus[];
    compensations: NewTask[];
    /** Failed compensations of an earlier rollback get this many more attempts. */
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<Migration>;
  /** Gives a failed task a fresh set of attempts and sets its failed migration going again. */
  retryTask(options: {
    migrationId: string;
    taskId: string;
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<{ task: MigrationTask; migration: Migration }>;
  getTask(taskId: string): Promise<MigrationTask | undefined>;
  /** The stored input and output of a task (used when compensating it). */
  getTaskPayload(
    taskId: string,
  ): Promise<{ input: JsonObject; output?: JsonObject } | undefined>;
  /** Counts per phase that the engine needs to move a migration forward. */
  getPhaseSummaries(migrationId: string): Promise<PhaseSummary[]>;

  // Worker side

  /** Leases up to `limit` ready tasks of running (or rolling-back) migrations. */
  claimTasks(options: ClaimRequest): Promise<ClaimedTask[]>;
  /** Extends a lease; `paused`: the run should stop and hand the task back; `lost`: it is gone. */
  heartbeat(options: {
    taskId: string;
    leaseToken: string;
    leaseDurationMs: number;
  }): Promise<HeartbeatResult>;
  reportProgress(options: {
    taskId: string;
    leaseToken: string;
    progress: number;
    message?: string;
  }): Promise<boolean>;
  /**
   * Stores a result; undefined when the lease was lost (the result is discarded, and nothing is
   * claimed). With `claimNext`, the same round trip (one statement on PostgreSQL, one transaction
   * on SQLite) also claims up to `claimNext.limit` ready tasks as {@link MigrationStore.claimTasks}
   * would, returned as `claimed`: a worker whose task ended takes its next one without another
   * trip to the database.
   */
  completeTask(options: {
    taskId: string;
    leaseToken: string;
    output: JsonObject;
    audit: AuditEntry;
    claimNext?: ClaimRequest;
  }): Promise<TaskOutcome | undefined>;
  /**
   * Records a failed attempt: with `retryDelayMs` (and attempts left) it becomes ready again after
   * the delay, otherwise it fails for good and fails its migration. Undefined when the lease was lost.
   */
  failTask(options: {
    taskId: string;
    leaseToken: string;
    error: string;
    retryDelayMs?: number;
    audit: AuditEntry;
  }): Promise<TaskOutcome | undefined>;
  getCheckpoint(
    taskId: string,
    key: string,
  ): Promise<{ value: JsonValue | undefined } | undefined>;
  /** Stores a checkpoint unless one exists; false when the lease was lost. */
  putCheckpoint(options: {
    taskId: string;
    leaseToken: string;
    key: string;
    value: JsonValue | undefined;
  }): Promise<boolean>;
  /**
   * Gives a lease back without counting the attempt (graceful shutdown, pause); with a `reason`,
   * it becomes the task's message and a `task.released` audit event records it.
   */
  releaseTask(options: {
    taskId: string;
    leaseToken: string;
    reason?: string;
  }): Promise<boolean>;
  /**
   * Hands a running task back to wait: claimable again `delayMs` from now, the attempt not
   * counted, `reason` kept as its message. Undefined when the lease was lost.
   */
  deferTask(options: {
    taskId: string;
    leaseToken: string;
    delayMs: number;
    reason: string;
  }): Promise<{ availableAt: number } | undefined>;
  /**
   * Returns expired leases: the task runs again without the attempt being counted (its worker
   * died, not the task), or fails when its leases expired more than `maxLeaseExpiries` times
   * (default 10).
   */
  returnExpiredLeases(options?: {
    maxLeaseExpiries?: number;
  }): Promise<ExpiredLease[]>;
  /** Ready tasks of running migrations whose time has come. */
  getQueueDepth(): Promise<number>;

  // Artifacts

  /**
   * Stores or replaces an artifact. With a lease token, only while the lease is held (undefined
   * otherwise).
   */
  putArtifact(options: {
    migrationId: string;
    name: string;
    mediaType: string;
    content: Buffer;
    taskId?: string;
    leaseToken?: string;
    audit: AuditEntry;
  }): Promise<ArtifactSummary | undefined>;
  /** An artifact with its content as the task stored it. */
  getArtifact(
    migrationId: string,
    name: string,
  ): Promise<{ summary: ArtifactSummary; content: Buffer } | undefined>;
  /**
   * An artifact with its content as the database holds it: gzip-compressed when `encoding` says
   * so. `summary.size` and `summary.sha256` are those of the uncompressed content.
   */
  getStoredArtifact(
    migrationId: string,
    name: string,
  ): Promise<
    | {
        summary: ArtifactSummary;
        content: Buffer;
        encoding: 'identity' | 'gzip';
      }
    | undefined
  >;
  listArtifacts(migrationId: string): Promise<ArtifactSummary[]>;

  // Audit

  appendAuditEvent(migrationId: string, entry: AuditEntry): Promise<void>;
  listAuditEvents(
    migrationId: string,
    options: { after?: number; limit: number },
  ): Promise<AuditEvent[]>;

  // Environments

  recordEnvironmentValidation(options: {
    environmentId: string;
    provider: string;
    checks: EnvironmentCheck[];
  }): Promise<void>;
  listEnvironmentValidations(): Promise<
    Array<{
      environmentId: string;
      provider: string;
      at: string;
      checks: EnvironmentCheck[];
    }>
  >;
}
