import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';
import type { ClaimedTask, MigrationStore } from '../database/MigrationStore';
import { awaitStoppedRun } from './compensationGuard';
import type { EngineOptions } from './config';
import { createTaskContext } from './createTaskContext';
import type { EngineMetrics } from './EngineMetrics';
import type { ExecutorRegistry } from './ExecutorRegistry';
import type { LocalEvents } from './LocalEvents';
import type { PhaseAdvancer } from './PhaseAdvancer';
import type { SignalPublisher } from './SignalPublisher';
import { MigrationSnapshots } from './MigrationSnapshots';
import type { RevokeReason } from './LocalEvents';
import { asOutput, errorMessage, pausedError } from './taskErrors';
import {
  recordFailure,
  recordSuccess,
  type AbortCause,
  type SuccessDeps,
} from './taskSettlement';
import { WakeableSleep } from './WakeableSleep';

interface RunningTask {
  task: ClaimedTask;
  controller: AbortController;
  /** Why the run was aborted, when it was. */
  abortedBy?: AbortCause;
  /** The executor returned; a late heartbeat answer no longer means anything. */
  settling?: boolean;
  done?: Promise<void>;
  /** Its completion already claimed this slot's next task (or found none to claim). */
  claimedNext?: boolean;
}

/**
 * One replica's worker: claims ready tasks with a lease, runs them with their executor, heartbeats
 * while they run, and records the result only while the lease is still held. The claim loop
 * survives database errors by backing off and trying again.
 *
 * @public
 */
export class TaskWorker {
  private readonly running = new Map<string, RunningTask>();
  private stopped = true;
  private loop?: Promise<void>;
  private readonly sleeper = new WakeableSleep(() => this.stopped);
  private unsubscribe: Array<() => void> = [];
  private readonly snapshots: MigrationSnapshots;
  private readonly settlement: SuccessDeps;

  constructor(
    private readonly deps: {
      workerId: string;
      store: MigrationStore;
      registry: ExecutorRegistry;
      advancer: PhaseAdvancer;
      signals: SignalPublisher;
      events: LocalEvents;
      metrics: EngineMetrics;
      logger: LoggerService;
      options: EngineOptions;
    },
  ) {
    this.snapshots = new MigrationSnapshots(deps.store);
    this.settlement = {
      ...deps,
      discarded: run => this.discarded(run as RunningTask),
      stopping: () => this.stopped,
      startClaimed: claimed => this.startClaimed(claimed),
      // Wake up when a retry or a deferred task is due instead of waiting for the next poll.
      wakeUpIn: delayMs => {
        setTimeout(
          () => this.sleeper.wakeUp(),
          Math.min(delayMs + 5, 2 ** 31 - 1),
        ).unref();
      },
    };
  }

  /** Tasks this worker is running now. */
  get runningCount(): number {
    return this.running.size;
  }

  start(): void {
    if (!this.stopped) {
      return;
    }
    this.stopped = false;
    this.unsubscribe = [
      this.deps.events.onWorkAvailable(() => this.sleeper.wakeUp()),
      this.deps.events.onRevoke((migrationId, mode, why) =>
        this.revoke(migrationId, mode, why),
      ),
    ];
    this.loop = this.claimLoop();
  }

  /**
   * Stops claiming, aborts running tasks and hands their leases back so another replica picks them
   * up at once. Waits at most `graceMs` for executors to return.
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    this.unsubscribe.forEach(fn => fn());
    this.sleeper.wakeUp(true);
    await this.loop;
    const runs = [...this.running.values()];
    for (const run of runs) {
      run.abortedBy ??= 'shutdown';
      run.controller.abort(new Error('The backend is shutting down'));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(runs.map(r => r.done)),
      new Promise(resolve => {
        timer = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(timer);
  }

  private async claimLoop(): Promise<void> {
    const { options, store, logger, workerId } = this.deps;
    let failures = 0;
    while (!this.stopped) {
      const free = options.concurrency - this.running.size;
      if (free <= 0) {
        await this.sleeper.sleep(options.pollIntervalMs);
        continue;
      }
      let claimed: ClaimedTask[];
      try {
        claimed = await store.claimTasks({
          workerId,
          limit: free,
          leaseDurationMs: options.leaseDurationMs,
        });
        if (failures > 0) {
          logger.info(
            `Worker ${workerId} reaches the database again after ${failures} failed claim(s)`,
          );
        }
        failures = 0;
      } catch (error) {
        failures++;
        const delay = Math.min(
          options.maxClaimBackoffMs,
          options.pollIntervalMs * 2 ** (failures - 1),
        );
        logger.warn(
          `Worker ${workerId} could not claim tasks (failure ${failures}), retrying in ${delay} ms: ${errorMessage(
            error,
          )}`,
        );
        await this.sleeper.sleep(delay, true);
        continue;
      }
      if (this.stopped) {
        // Claimed while stopping: hand the leases straight back.
        for (const task of claimed) {
          await store
            .releaseTask({ taskId: task.id, leaseToken: task.leaseToken })
            .catch(() => undefined);
        }
        break;
      }
      for (const task of claimed) {
        this.execute(task);
      }
      if (claimed.length < free) {
        await this.sleeper.sleep(options.pollIntervalMs);
      }
    }
  }

  /** Runs tasks claimed along with a completion; hands them back when the worker is stopping. */
  private async startClaimed(claimed: ClaimedTask[]) {
    for (const task of claimed) {
      if (this.stopped) {
        await this.deps.store
          .releaseTask({ taskId: task.id, leaseToken: task.leaseToken })
          .catch(() => undefined);
      } else {
        this.execute(task);
      }
    }
  }

  private revoke(
    migrationId: string,
    mode?: 'run' | 'compensate',
    why: RevokeReason = 'cancel',
  ) {
    for (const run of this.running.values()) {
      if (
        run.task.migrationId === migrationId &&
        (!mode || run.task.mode === mode)
      ) {
        if (why === 'pause') {
          this.pause(run);
        } else {
          run.abortedBy ??= 'revoked';
          run.controller.abort(new Error('The task was cancelled'));
        }
      }
    }
  }

  /** The migration was paused: the run stops at its next safe point and is handed back. */
  private pause(run: RunningTask) {
    if (run.abortedBy || run.settling) {
      return;
    }
    run.abortedBy = 'paused';
    run.controller.abort(pausedError());
  }

  private loseLease(run: RunningTask) {
    if (run.abortedBy) {
      return;
    }
    run.abortedBy = 'lease';
    this.deps.metrics.leaseLost(run.task.taskType);
    this.deps.logger.warn(
      `Task ${run.task.id} (${run.task.taskType}) lost its lease; aborting it and discarding its result`,
    );
    run.controller.abort(new Error('The task lost its lease'));
  }

  private execute(task: ClaimedTask) {
    const run: RunningTask = { task, controller: new AbortController() };
    this.running.set(task.id, run);
    this.deps.metrics.taskClaimed(task.taskType, task.mode);
    run.done = this.runTask(run)
      .catch(error =>
        this.deps.logger.error(
          `Task ${task.id} could not be recorded: ${errorMessage(error)}`,
        ),
      )
      .finally(() => {
        this.running.delete(task.id);
        if (!run.claimedNext) {
          this.sleeper.wakeUp();
        }
      });
  }

  private async runTask(run: RunningTask): Promise<void> {
    const { store, signals, logger, options } = this.deps;
    const { task } = run;
    const heartbeat = setInterval(() => {
      store
        .heartbeat({
          taskId: task.id,
          leaseToken: task.leaseToken,
          leaseDurationMs: options.leaseDurationMs,
        })
        .then(lease => {
          if (lease === 'lost' && !run.settling) {
            this.loseLease(run);
          } else if (lease === 'paused') {
            this.pause(run);
          }
        })
        .catch(error =>
          logger.warn(
            `Heartbeat of task ${task.id} failed, retrying: ${errorMessage(
              error,
            )}`,
          ),
        );
    }, options.heartbeatIntervalMs);

    try {
      await signals.publish({
        migrationId: task.migrationId,
        type: 'task',
        phase: task.phase,
        taskId: task.id,
        taskStatus: 'running',
      });
      let output: JsonObject;
      try {
        output = asOutput(await this.invoke(run));
      } catch (error) {
        run.settling = true;
        await recordFailure(this.settlement, run, error);
        return;
      }
      run.settling = true;
      run.claimedNext = await recordSuccess(this.settlement, run, output);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async invoke(run: RunningTask): Promise<unknown> {
    const { store, registry, signals, logger, options } = this.deps;
    const { task, controller } = run;
    const executor = registry.get(task.taskType);
    if (!executor) {
      throw new PermanentTaskError(
        `No executor is registered for task type ${task.taskType}`,
      );
    }
    const step =
      task.mode === 'compensate' ? executor.compensate : executor.run;
    if (!step) {
      throw new PermanentTaskError(
        `The executor of ${task.taskType} has no compensate step`,
      );
    }
    await awaitStoppedRun({
      task,
      store,
      leaseDurationMs: options.leaseDurationMs,
      localRun: id => this.running.get(id)?.done,
    });
    const migration = await this.snapshots.get(task.migrationId);
    if (!migration) {
      throw new PermanentTaskError(`Migration ${task.migrationId} is gone`);
    }
    const compensates =
      task.mode === 'compensate' && task.compensatesTaskId
        ? {
            taskId: task.compensatesTaskId,
            output: (await store.getTaskPayload(task.compensatesTaskId))
              ?.output,
          }
        : undefined;
    const ctx = createTaskContext({
      task,
      migration,
      signal: controller.signal,
      logger: logger.child({
        migrationId: task.migrationId,
        taskId: task.id,
        taskType: task.taskType,
      }),
      store,
      signals,
      progressThrottleMs: options.progressThrottleMs,
      maxArtifactBytes: options.maxArtifactBytes,
      onLeaseLost: () => this.loseLease(run),
      compensates,
    });
    return step.call(executor, ctx);
  }

  private discarded(run: RunningTask) {
    if (!run.abortedBy) {
      run.abortedBy = 'lease';
      this.deps.metrics.leaseLost(run.task.taskType);
    }
    this.deps.logger.warn(
      `The result of task ${run.task.id} was discarded: it no longer holds its lease (${run.abortedBy})`,
    );
  }
}
