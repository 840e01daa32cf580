import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { TaskStatus } from '@sirsi-nexus/plugin-migration-common';
import { ENGINE_ACTOR } from '../database/engineActor';
import type { ClaimedTask, MigrationStore } from '../database/MigrationStore';
import { retryDelayMs } from './backoff';
import type { EngineOptions } from './config';
import type { EngineMetrics } from './EngineMetrics';
import type { LocalEvents } from './LocalEvents';
import type { PhaseAdvancer } from './PhaseAdvancer';
import type { SignalPublisher } from './SignalPublisher';
import { errorMessage, isDeferral, isPermanentError } from './taskErrors';

/** A task a worker ran, as far as settling its end needs it. */
export interface SettlingRun {
  task: ClaimedTask;
  /** Why the run was aborted, when it was. */
  abortedBy?: AbortCause;
}

/** Why a run was aborted: its lease was lost, it was cancelled, the backend stops, or paused. */
export type AbortCause = 'lease' | 'revoked' | 'shutdown' | 'paused';

/** What settling a task's end needs from its worker. */
export interface SettlementDeps {
  store: MigrationStore;
  signals: SignalPublisher;
  logger: LoggerService;
  metrics: EngineMetrics;
  options: EngineOptions;
  /** The result was not recorded: the lease was gone. */
  discarded(run: SettlingRun): void;
  /** Look for work again in `delayMs` (a retry or a deferred task is due). */
  wakeUpIn(delayMs: number): void;
}

/** What recording a success needs besides {@link SettlementDeps}. */
export interface SuccessDeps extends SettlementDeps {
  workerId: string;
  events: LocalEvents;
  advancer: Pick<PhaseAdvancer, 'advance'>;
  /** The worker stops: it claims nothing more. */
  stopping(): boolean;
  /** Runs the tasks claimed along with a completion. */
  startClaimed(claimed: ClaimedTask[]): Promise<void>;
}

/**
 * Records a run's result while its lease holds. The run's slot frees as it ends, so the same
 * round trip claims the worker's next task. True when that claim was made (whether or not it
 * found a task), so the claim loop need not look again at once.
 */
export async function recordSuccess(
  deps: SuccessDeps,
  run: SettlingRun,
  output: JsonObject,
): Promise<boolean> {
  const { task } = run;
  const outcome = await deps.store.completeTask({
    taskId: task.id,
    leaseToken: task.leaseToken,
    output,
    audit: {
      actor: ENGINE_ACTOR,
      action:
        task.mode === 'compensate' ? 'task.compensated' : 'task.succeeded',
      detail: { attempt: task.attempt },
    },
    claimNext: deps.stopping()
      ? undefined
      : {
          workerId: deps.workerId,
          limit: 1,
          leaseDurationMs: deps.options.leaseDurationMs,
        },
  });
  if (!outcome) {
    deps.discarded(run);
    return false;
  }
  await deps.startClaimed(outcome.claimed ?? []);
  deps.metrics.taskSucceeded(task.taskType, task.mode);
  await deps.signals.publish({
    migrationId: task.migrationId,
    type: 'task',
    phase: task.phase,
    taskId: task.id,
    taskStatus: 'succeeded',
    progress: 1,
  });
  if (outcome.promotedTaskIds.length > 0) {
    deps.events.workAvailable();
  }
  if (outcome.phaseSettled) {
    await deps.advancer.advance(task.migrationId);
  }
  return outcome.claimed !== undefined;
}

/** Tells live pages that `task` is now `taskStatus`. */
function publishTaskStatus(
  signals: SignalPublisher,
  task: ClaimedTask,
  taskStatus: TaskStatus,
) {
  return signals.publish({
    migrationId: task.migrationId,
    type: 'task',
    phase: task.phase,
    taskId: task.id,
    taskStatus,
  });
}

/** A task that said "not yet": back in the queue until its time, the attempt not counted. */
async function recordDeferral(
  deps: SettlementDeps,
  run: SettlingRun,
  delayMs: number,
  reason: string,
) {
  const { task } = run;
  const deferred = await deps.store.deferTask({
    taskId: task.id,
    leaseToken: task.leaseToken,
    delayMs,
    reason,
  });
  if (!deferred) {
    deps.discarded(run);
    return;
  }
  deps.logger.debug(
    `Task ${task.id} (${task.taskType}) waits ${delayMs} ms: ${reason}`,
  );
  await publishTaskStatus(deps.signals, task, 'ready');
  deps.wakeUpIn(delayMs);
}

/**
 * A run stopped because its migration was paused: handed back without counting the attempt, to
 * continue from its checkpoints once the migration resumes. Live pages learn that the migration
 * is no longer pausing.
 */
async function recordPause(deps: SettlementDeps, run: SettlingRun) {
  const { task } = run;
  const released = await deps.store.releaseTask({
    taskId: task.id,
    leaseToken: task.leaseToken,
    reason:
      'Paused; continues from its last checkpoint when the migration resumes',
  });
  if (!released) {
    deps.discarded(run);
    return;
  }
  deps.logger.info(`Task ${task.id} (${task.taskType}) stopped: paused`);
  await publishTaskStatus(deps.signals, task, 'ready');
  const migration = await deps.store.getMigration(task.migrationId);
  if (migration) {
    await deps.signals.publish({
      migrationId: task.migrationId,
      type: 'migration',
      status: migration.status,
    });
  }
}

/**
 * Records how a run that threw ended: handed back on shutdown or pause, left alone when cancelled or taken
 * over, deferred when the executor asked to wait, else a failed attempt — retried with back-off
 * unless the error is permanent or the attempts are used up.
 */
export async function recordFailure(
  deps: SettlementDeps,
  run: SettlingRun,
  error: unknown,
): Promise<void> {
  const { store, signals, logger, options } = deps;
  const { task } = run;
  if (run.abortedBy === 'shutdown') {
    await store.releaseTask({ taskId: task.id, leaseToken: task.leaseToken });
    return;
  }
  if (run.abortedBy === 'paused') {
    await recordPause(deps, run);
    return;
  }
  if (run.abortedBy === 'revoked' || run.abortedBy === 'lease') {
    // Cancelled or taken over: the database already says what happens next.
    logger.info(`Task ${task.id} stopped (${run.abortedBy})`);
    return;
  }
  if (isDeferral(error)) {
    await recordDeferral(deps, run, error.delayMs(), errorMessage(error));
    return;
  }
  const message = errorMessage(error);
  const delay = isPermanentError(error)
    ? undefined
    : retryDelayMs(task.attempt, options.retry);
  const outcome = await store.failTask({
    taskId: task.id,
    leaseToken: task.leaseToken,
    error: message,
    retryDelayMs: delay,
    audit: { actor: ENGINE_ACTOR, action: 'task.failed' },
  });
  if (!outcome) {
    deps.discarded(run);
    return;
  }
  const final = outcome.status === 'failed';
  deps.metrics.taskFailed(task.taskType, task.mode, final);
  logger.warn(
    `Task ${task.id} (${task.taskType}) attempt ${task.attempt} failed${
      final ? ' for good' : ', will retry'
    }: ${message}`,
  );
  await publishTaskStatus(signals, task, outcome.status);
  if (outcome.migrationStatus) {
    await signals.publish({
      migrationId: task.migrationId,
      type: 'migration',
      status: outcome.migrationStatus,
    });
  }
  if (outcome.nextAttemptAt !== undefined && delay !== undefined) {
    deps.wakeUpIn(delay);
  }
}
