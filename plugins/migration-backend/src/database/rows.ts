import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_PHASES,
  type Approval,
  type ArtifactSummary,
  type AuditEvent,
  type Migration,
  type MigrationPhase,
  type MigrationPhaseState,
  type MigrationStatus,
  type MigrationTask,
  type PhaseStatus,
  type TaskStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { toIso, toNumber } from './dbClock';

/** A row of `migrations`. */
export interface MigrationRow {
  id: string;
  title: string;
  status: MigrationStatus;
  source_environment_id: string;
  target: string;
  entity_refs: string;
  owner: string;
  requested_by: string;
  options: string;
  gated_phases: string;
  current_phase: MigrationPhase | null;
  status_reason: string | null;
  idempotency_key: string | null;
  created_at: number | string;
  updated_at: number | string;
  completed_at: number | string | null;
}

/** A row of `phases`. */
export interface PhaseRow {
  migration_id: string;
  phase: MigrationPhase;
  ordinal: number;
  status: PhaseStatus;
  started_at: number | string | null;
  completed_at: number | string | null;
}

/** A row of `tasks`. */
export interface TaskRow {
  id: string;
  migration_id: string;
  phase: MigrationPhase;
  task_type: string;
  key: string;
  title: string;
  mode: 'run' | 'compensate';
  compensates_task_id: string | null;
  status: TaskStatus;
  progress: number | string;
  message: string | null;
  attempts: number;
  max_attempts: number;
  /** Leases that expired because the worker died; not counted in `attempts`. */
  lease_expiries?: number | string;
  input: string;
  output: string | null;
  error: string | null;
  seq: number;
  lease_owner: string | null;
  lease_expires_at: number | string | null;
  available_at: number | string;
  created_at: number | string;
  updated_at: number | string;
  started_at: number | string | null;
  completed_at: number | string | null;
}

/** A row of `approvals`. */
export interface ApprovalRow {
  migration_id: string;
  phase: MigrationPhase;
  status: Approval['status'];
  requested_at: number | string;
  decided_by: string | null;
  decided_at: number | string | null;
  comment: string | null;
}

/** A row of `audit_events`. */
export interface AuditEventRow {
  id: number | string;
  migration_id: string;
  at: number | string;
  actor: string;
  action: string;
  phase: MigrationPhase | null;
  task_id: string | null;
  detail: string | null;
}

/** A row of `artifacts` without its content. */
export interface ArtifactRow {
  migration_id: string;
  name: string;
  media_type: string;
  sha256: string;
  size: number | string;
  task_id: string | null;
  created_at: number | string;
}

/** Task statuses that will not change any more without a retry or rollback. */
export const TERMINAL_TASK_STATUSES: TaskStatus[] = [
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
];

/** Task statuses that still have work to do. */
export const OPEN_TASK_STATUSES: TaskStatus[] = ['pending', 'ready', 'running'];

/** Migration statuses after which nothing runs unless a rollback or retry starts. */
export const FINAL_MIGRATION_STATUSES: MigrationStatus[] = [
  'completed',
  'cancelled',
  'rolled_back',
  'failed',
];

export function parseJson<T>(value: string | null | undefined): T | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return JSON.parse(value) as T;
}

/** Progress of the current phase per migration and phase, from the tasks' average. */
export type PhaseProgress = Map<string, number>;

export function phaseProgressKey(migrationId: string, phase: string) {
  return `${migrationId}/${phase}`;
}

function phaseProgress(phase: PhaseRow, taskProgress: PhaseProgress): number {
  if (phase.status === 'succeeded' || phase.status === 'skipped') {
    return 1;
  }
  if (phase.status === 'pending' || phase.status === 'awaiting_approval') {
    return 0;
  }
  return (
    taskProgress.get(phaseProgressKey(phase.migration_id, phase.phase)) ?? 0
  );
}

/** Overall progress 0–1: finished phases plus the share of the one in flight. */
export function migrationProgress(
  row: MigrationRow,
  phases: PhaseRow[],
  taskProgress: PhaseProgress,
): number {
  if (row.status === 'completed') {
    return 1;
  }
  let total = 0;
  for (const phase of phases) {
    total += phaseProgress(phase, taskProgress);
  }
  return Math.min(1, total / MIGRATION_PHASES.length);
}

/**
 * A migration row as the API shows it; `pausing` when it is paused while some of its tasks are
 * still running (they stop at their next checkpoint).
 */
export function toMigration(
  row: MigrationRow,
  progress: number,
  pausing = false,
): Migration {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    sourceEnvironmentId: row.source_environment_id,
    target: JSON.parse(row.target),
    entityRefs: JSON.parse(row.entity_refs),
    owner: row.owner,
    requestedBy: row.requested_by,
    options: JSON.parse(row.options),
    gatedPhases: JSON.parse(row.gated_phases),
    currentPhase: row.current_phase ?? undefined,
    progress,
    statusReason: row.status_reason ?? undefined,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    completedAt: toIso(row.completed_at),
    ...(pausing && row.status === 'paused' ? { pausing: true } : {}),
  };
}

export function toTask(row: TaskRow, dependsOn: string[]): MigrationTask {
  return {
    id: row.id,
    migrationId: row.migration_id,
    phase: row.phase,
    taskType: row.task_type,
    key: row.key,
    title: row.title,
    status: row.status,
    progress: toNumber(row.progress),
    message: row.message ?? undefined,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    dependsOn,
    mode: row.mode,
    error: row.error ?? undefined,
    // A task ready after it ran (a retry, or a deferred task that waits) says when it runs again.
    nextAttemptAt:
      row.status === 'ready' && (row.attempts > 0 || row.started_at)
        ? toIso(row.available_at)
        : undefined,
    createdAt: toIso(row.created_at)!,
    startedAt: toIso(row.started_at),
    completedAt: toIso(row.completed_at),
  };
}

export function toApproval(row: ApprovalRow): Approval {
  return {
    migrationId: row.migration_id,
    phase: row.phase,
    status: row.status,
    requestedAt: toIso(row.requested_at)!,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: toIso(row.decided_at),
    comment: row.comment ?? undefined,
  };
}

export function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: toNumber(row.id),
    migrationId: row.migration_id,
    at: toIso(row.at)!,
    actor: row.actor,
    action: row.action,
    phase: row.phase ?? undefined,
    taskId: row.task_id ?? undefined,
    detail: parseJson<JsonObject>(row.detail),
  };
}

export function toArtifactSummary(row: ArtifactRow): ArtifactSummary {
  return {
    migrationId: row.migration_id,
    name: row.name,
    mediaType: row.media_type,
    sha256: row.sha256,
    size: toNumber(row.size),
    createdAt: toIso(row.created_at)!,
    taskId: row.task_id ?? undefined,
  };
}

export function toPhaseState(
  row: PhaseRow,
  tasks: MigrationTask[],
  taskProgress: PhaseProgress,
  approval: Approval | undefined,
): MigrationPhaseState {
  return {
    phase: row.phase,
    status: row.status,
    progress: phaseProgress(row, taskProgress),
    startedAt: toIso(row.started_at),
    completedAt: toIso(row.completed_at),
    tasks,
    approval,
  };
}
