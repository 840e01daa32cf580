import type { CloudProviderId } from './resources';
import type { MigrationPhase } from './phases';
import type {
  CommitmentTerm,
  CommitmentType,
  ComplianceProfile,
  RiskTolerance,
  TargetProvider,
} from './contract/values';

/**
 * Status of a migration. See docs/engine.md for the allowed transitions.
 *
 * @public
 */
export const MIGRATION_STATUSES = [
  'draft',
  'awaiting_approval',
  'running',
  'paused',
  'failed',
  'cancelled',
  'rolling_back',
  'rolled_back',
  'completed',
] as const;

/** @public */
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/**
 * Status of a task.
 *
 * @public
 */
export const TASK_STATUSES = [
  'pending',
  'ready',
  'running',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const;

/** @public */
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Status of a phase, the aggregate of its tasks and its approval gate.
 *
 * @public
 */
export type PhaseStatus =
  | 'pending'
  | 'awaiting_approval'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled'
  | 'rolled_back';

/**
 * Where the migration moves to.
 *
 * @public
 */
export interface MigrationTarget {
  provider: TargetProvider;
  region: string;
  /** Optional configured environment id of the target (`migration.environments[].id`). */
  environmentId?: string;
}

/**
 * Options chosen when the migration was requested.
 *
 * @public
 */
export interface MigrationOptions {
  complianceProfile?: ComplianceProfile;
  /** Maintenance windows as ISO-8601 intervals (`start/end`), in order of preference. */
  maintenanceWindows?: string[];
  riskTolerance?: RiskTolerance;
  /** Rehearsal: every phase runs up to the last irreversible call, nothing is changed. */
  rehearsal?: boolean;
  /** Why the migration is requested. */
  justification?: string;
  /** Headroom over P95 utilization for rightsizing (1–5); the operator's default when unset. */
  comfortFactor?: number;
  /** The commitment the totals are read at; the operator's default when unset. */
  commitmentTerm?: CommitmentTerm;
  /** Reservation or savings plan prices for the 1- and 3-year totals; the operator's default when unset. */
  commitmentType?: CommitmentType;
  /** Windows licenses are brought (Hybrid Benefit / BYOL): no license cost. */
  hybridBenefit?: boolean;
}

/**
 * A migration.
 *
 * @public
 */
export interface Migration {
  id: string;
  title: string;
  status: MigrationStatus;
  /** Source environment id (`migration.environments[].id`). */
  sourceEnvironmentId: string;
  target: MigrationTarget;
  /** Catalog entity refs of the resources (or systems) being migrated. */
  entityRefs: string[];
  /** Owner entity ref, e.g. `group:default/team-webshop`. */
  owner: string;
  /** User entity ref of whoever requested it. */
  requestedBy: string;
  options: MigrationOptions;
  /** The phase currently running, waiting for approval, or last run. */
  currentPhase?: MigrationPhase;
  /** Phases that stop for approval, fixed from `migration.approvals.phases` when it was created. */
  gatedPhases?: MigrationPhase[];
  /** Overall progress 0–1 across the nine phases. */
  progress: number;
  /**
   * Set while the migration is `paused` but some of its tasks are still running: they stop at
   * their next checkpoint (a transfer at its next part) and are handed back. Shown as "pausing…".
   */
  pausing?: boolean;
  /** Why the migration failed or was cancelled, when it did. */
  statusReason?: string;
  createdAt: string;
  updatedAt: string;
  completedAt?: string;
  /**
   * Number of resolved resources: the requested entities with Systems, Domains and Groups
   * expanded into their parts (the containers themselves are not counted). Set by the backend on
   * every migration it returns.
   */
  resourceCount?: number;
  /** How the entity asked for (`GET /migrations?entityRef=`) is involved; only on such lists. */
  involvement?: MigrationInvolvement;
}

/**
 * How an entity is involved in a migration, e.g. "migrated as part of Web Shop, wave 2":
 *
 * - `requested`: the entity itself was requested;
 * - `system`: it is migrated as part of `viaRef`, a requested System (or a System of a requested
 *   Domain);
 * - `group`: it is migrated because `viaRef`, a requested Group, owns it;
 * - `part`: the entity is a System, Domain or Group and `viaRef`, one of its parts, is migrated.
 *
 * @public
 */
export interface MigrationInvolvement {
  via: 'requested' | 'system' | 'group' | 'part';
  /** The requested System or Group (`system`, `group`), or the migrated part (`part`). */
  viaRef?: string;
  /** The wave of the entity (of `viaRef` for `part`), once the plan phase has planned waves. */
  wave?: number;
}

/**
 * A phase of a migration with its tasks.
 *
 * @public
 */
export interface MigrationPhaseState {
  phase: MigrationPhase;
  status: PhaseStatus;
  /** Progress 0–1 of the phase's tasks. */
  progress: number;
  startedAt?: string;
  completedAt?: string;
  tasks: MigrationTask[];
  approval?: Approval;
}

/**
 * A unit of work inside a phase.
 *
 * @public
 */
export interface MigrationTask {
  id: string;
  migrationId: string;
  phase: MigrationPhase;
  /** Executor task type, e.g. `environment.validate-providers`. */
  taskType: string;
  /** Key unique within the migration, used for dependencies. */
  key: string;
  title: string;
  status: TaskStatus;
  /** Progress 0–1. */
  progress: number;
  message?: string;
  attempts: number;
  maxAttempts: number;
  /** Keys of the tasks this one waits for. */
  dependsOn: string[];
  /** `compensate` for rollback tasks. */
  mode: 'run' | 'compensate';
  error?: string;
  /** When a task waiting for a retry becomes claimable again. */
  nextAttemptAt?: string;
  createdAt: string;
  startedAt?: string;
  completedAt?: string;
}

/**
 * An approval gate of a phase.
 *
 * @public
 */
export interface Approval {
  migrationId: string;
  phase: MigrationPhase;
  status: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

/**
 * An append-only audit record of a state change.
 *
 * @public
 */
export interface AuditEvent {
  id: number;
  migrationId: string;
  at: string;
  /** User or service entity ref that caused the change, e.g. `user:default/guest`, `plugin:migration`. */
  actor: string;
  /** What happened, e.g. `migration.created`, `phase.approved`, `task.failed`. */
  action: string;
  phase?: MigrationPhase;
  taskId?: string;
  detail?: Record<string, unknown>;
}

/**
 * A stored artifact (its content is fetched separately).
 *
 * @public
 */
export interface ArtifactSummary {
  migrationId: string;
  name: string;
  mediaType: string;
  sha256: string;
  size: number;
  createdAt: string;
  /** Task that produced it. */
  taskId?: string;
}

/**
 * A configured source or target environment with its last validation.
 *
 * @public
 */
export interface EnvironmentSummary {
  id: string;
  provider: CloudProviderId;
  owner?: string;
  title?: string;
  lastValidation?: {
    at: string;
    checks: EnvironmentCheck[];
  };
}

/**
 * The result of one validation check of an environment.
 *
 * @public
 */
export interface EnvironmentCheck {
  id: string;
  title: string;
  status: 'pass' | 'warn' | 'fail';
  message: string;
  /** What to do when the check does not pass. */
  remediation?: string;
}

/**
 * A catalog entity as captured in {@link PlanEntitiesArtifact} (the full entity as the catalog
 * returned it).
 *
 * @public
 */
export interface CapturedEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Content of `plan-entities.json`.
 *
 * @public
 */
export interface PlanEntitiesArtifact {
  capturedAt: string;
  /** The refs the migration was requested for. */
  selectedRefs: string[];
  /**
   * The selected entities plus, for each selected System, its Resource entities (those whose
   * `spec.system` names it), each once.
   */
  entities: CapturedEntity[];
}
