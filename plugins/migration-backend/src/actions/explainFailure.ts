import type {
  ArtifactSummary,
  MigrationPhaseState,
  MigrationStatusResponse,
  MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';
import { scrubText } from '../notifications/scrub';

const NOT_PASSING = new Set(['fail', 'failed', 'warn', 'warning', 'error']);
const MAX_HINTS = 20;

/** A remediation the engine or a check recorded, with where it came from. */
export interface RemediationHint {
  /** The artifact it was read from, e.g. `environment-dc1.json`, `validation.json`. */
  source: string;
  /** The check or finding, e.g. its title or id. */
  check?: string;
  status: string;
  message?: string;
  remediation: string;
}

/**
 * Collects the remediation of every check or finding that did not pass in a JSON artifact (the
 * environment checks, readiness checks, Terraform checks, validation checks all carry
 * `status` and `remediation`).
 */
export function collectRemediations(
  source: string,
  value: unknown,
  into: RemediationHint[],
  depth = 0,
): void {
  if (into.length >= MAX_HINTS || depth > 6 || !value) return;
  if (Array.isArray(value)) {
    value.forEach(item => collectRemediations(source, item, into, depth + 1));
    return;
  }
  if (typeof value !== 'object') return;
  const item = value as Record<string, unknown>;
  const status = typeof item.status === 'string' ? item.status : undefined;
  if (
    typeof item.remediation === 'string' &&
    status &&
    NOT_PASSING.has(status)
  ) {
    const name = item.title ?? item.name ?? item.id ?? item.address;
    into.push({
      source,
      check: typeof name === 'string' ? name : undefined,
      status,
      message:
        typeof item.message === 'string' ? scrubText(item.message) : undefined,
      remediation: scrubText(item.remediation),
    });
  }
  for (const child of Object.values(item)) {
    if (child && typeof child === 'object') {
      collectRemediations(source, child, into, depth + 1);
    }
  }
}

/** The phase to explain: the one asked for, else the failed one, else the current one. */
export function phaseToExplain(
  status: MigrationStatusResponse,
  phase?: string,
): MigrationPhaseState | undefined {
  if (phase) return status.phases.find(p => p.phase === phase);
  return (
    status.phases.find(p => p.status === 'failed') ??
    status.phases.find(p => p.tasks.some(t => t.status === 'failed')) ??
    status.phases.find(p => p.phase === status.migration.currentPhase)
  );
}

/** The failed tasks of a phase as an agent reads them (errors scrubbed of secrets). */
export function failedTasks(phase: MigrationPhaseState | undefined) {
  return (phase?.tasks ?? [])
    .filter((t: MigrationTask) => t.status === 'failed')
    .map(t => ({
      taskId: t.id,
      key: t.key,
      title: t.title,
      taskType: t.taskType,
      mode: t.mode,
      attempts: t.attempts,
      maxAttempts: t.maxAttempts,
      error: scrubText(t.error, 2000) || 'no error recorded',
    }));
}

/** The JSON artifacts the phase's tasks wrote: where their checks and remediations are. */
export function phaseJsonArtifacts(
  status: MigrationStatusResponse,
  phase: MigrationPhaseState | undefined,
): ArtifactSummary[] {
  const taskIds = new Set((phase?.tasks ?? []).map(t => t.id));
  return status.artifacts.filter(
    a =>
      a.taskId !== undefined &&
      taskIds.has(a.taskId) &&
      a.mediaType.startsWith('application/json'),
  );
}

/** What one can do next, from the state the failure left. */
export function nextSteps(
  status: MigrationStatusResponse,
  tasks: ReturnType<typeof failedTasks>,
  phase: MigrationPhaseState | undefined,
): string[] {
  const id = status.migration.id;
  const steps: string[] = [];
  if (phase?.approval?.status === 'rejected') {
    steps.push(
      `The ${phase.phase} phase was rejected by ${
        phase.approval.decidedBy ?? 'an approver'
      }; address the comment and request a new migration, or roll this one back.`,
    );
  }
  for (const task of tasks.filter(t => t.mode === 'run')) {
    steps.push(
      `After fixing the cause, retry task "${task.title}" from the migration page (/migrations/${id}) or POST /api/migration/migrations/${id}/tasks/${task.taskId}/retry.`,
    );
  }
  if (['failed', 'cancelled'].includes(status.migration.status)) {
    steps.push(
      `To undo what the migration created, roll it back from the migration page (/migrations/${id}).`,
    );
  }
  return steps;
}
