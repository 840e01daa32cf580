import { randomUUID } from 'node:crypto';
import {
  MIGRATION_PHASES,
  type MigrationPhase,
  type MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationStore, NewTask } from '../database/MigrationStore';
import type { ExecutorRegistry } from '../engine/ExecutorRegistry';

/** Key of the task that undoes `task`. */
export function compensationKey(task: { key: string }): string {
  return `${task.key}#compensate`;
}

/**
 * Whether a run task may have left something behind: it started — whether it succeeded, failed,
 * was cancelled mid-way or is still open (the rollback closes it) — and was not skipped.
 */
function mayHaveSideEffects(task: MigrationTask): boolean {
  return (
    task.mode === 'run' &&
    task.status !== 'skipped' &&
    (task.status === 'succeeded' || task.startedAt !== undefined)
  );
}

/** When a task stopped; open tasks (closed by the rollback itself) count as the newest. */
function stoppedAt(task: MigrationTask): string {
  return task.completedAt ?? '9999-12-31T23:59:59.999Z';
}

/**
 * The tasks a rollback runs: the `compensate` step of every run task that has one, may have left
 * something behind (succeeded, failed, or cancelled part-way: a `.partial` file, an unfinished
 * multipart upload, a test instance) and was not undone yet — one after another, newest first;
 * each with the input of the task it undoes (and its output when it succeeded).
 */
export async function planCompensations(options: {
  tasks: MigrationTask[];
  store: Pick<MigrationStore, 'getTaskPayload'>;
  registry: ExecutorRegistry;
  defaultMaxAttempts: number;
}): Promise<NewTask[]> {
  const { tasks, store, registry } = options;
  const alreadyCompensated = new Set(
    tasks.filter(t => t.mode === 'compensate').map(t => t.key),
  );
  const ordinal = (phase: MigrationPhase) => MIGRATION_PHASES.indexOf(phase);
  const toUndo = tasks
    .filter(
      t =>
        mayHaveSideEffects(t) &&
        registry.get(t.taskType)?.compensate &&
        !alreadyCompensated.has(compensationKey(t)),
    )
    .sort(
      (a, b) =>
        stoppedAt(b).localeCompare(stoppedAt(a)) ||
        ordinal(b.phase) - ordinal(a.phase) ||
        b.key.localeCompare(a.key),
    );
  const compensations: NewTask[] = [];
  for (const task of toUndo) {
    const previous = compensations.at(-1);
    compensations.push({
      id: randomUUID(),
      phase: task.phase,
      taskType: task.taskType,
      key: compensationKey(task),
      title: `Undo: ${task.title}`,
      mode: 'compensate',
      compensatesTaskId: task.id,
      maxAttempts:
        registry.get(task.taskType)?.maxAttempts ?? options.defaultMaxAttempts,
      input: (await store.getTaskPayload(task.id))?.input ?? {},
      dependsOnTaskIds: previous ? [previous.id] : [],
    });
  }
  return compensations;
}
