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
 * The tasks a rollback runs: the `compensate` step of every succeeded task that has one and was
 * not undone yet, one after another, newest first; each with the input of the task it undoes.
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
        t.mode === 'run' &&
        t.status === 'succeeded' &&
        registry.get(t.taskType)?.compensate &&
        !alreadyCompensated.has(compensationKey(t)),
    )
    .sort(
      (a, b) =>
        (b.completedAt ?? '').localeCompare(a.completedAt ?? '') ||
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
