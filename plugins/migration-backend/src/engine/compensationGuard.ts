import { TaskDeferral } from '@sirsi-nexus/plugin-migration-node';
import type { ClaimedTask, MigrationStore } from '../database/MigrationStore';

/**
 * Holds a compensation back until the run it undoes has really stopped, so the undo cannot race
 * the last writes of a run that was cancelled part-way (a data transfer writes up to its next
 * part after the abort). On this replica it waits for the run to return; a run on another
 * replica learns of the cancel at its next heartbeat and is certainly gone once a lease duration
 * has passed since the cancel, so until then the compensation is deferred (attempt not counted).
 * Both times are on the database clock.
 */
export async function awaitStoppedRun(options: {
  task: ClaimedTask;
  store: Pick<MigrationStore, 'getTask'>;
  leaseDurationMs: number;
  /** The run of `taskId` on this replica, when there is one. */
  localRun(taskId: string): Promise<void> | undefined;
}): Promise<void> {
  const { task, store, leaseDurationMs } = options;
  if (task.mode !== 'compensate' || !task.compensatesTaskId) {
    return;
  }
  const local = options.localRun(task.compensatesTaskId);
  if (local) {
    await local;
    return;
  }
  const original = await store.getTask(task.compensatesTaskId);
  if (original?.status !== 'cancelled' || !original.completedAt) {
    return;
  }
  const since = task.claimedAt - Date.parse(original.completedAt);
  if (since < leaseDurationMs) {
    throw new TaskDeferral({
      delayMs: leaseDurationMs - since,
      reason: `Waiting until the cancelled run of "${original.title}" has surely stopped before undoing it`,
    });
  }
}
