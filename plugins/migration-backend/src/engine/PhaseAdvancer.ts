import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_PHASES,
  type Migration,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';
import type { TaskSpec } from '@sirsi-nexus/plugin-migration-node';
import type {
  MigrationStore,
  NewTask,
  PhaseSummary,
} from '../database/MigrationStore';
import { createArtifactReader } from './artifacts';
import { validateTaskSpecs } from './validateTaskSpecs';
import type { EngineMetrics } from './EngineMetrics';
import type { ExecutorRegistry } from './ExecutorRegistry';
import type { LocalEvents } from './LocalEvents';
import type { SignalPublisher } from './SignalPublisher';
import { ENGINE_ACTOR } from '../database/engineActor';

const MAX_STEPS = MIGRATION_PHASES.length * 2 + 4;

/**
 * Moves migrations forward: opens the next phase (planning its tasks from the registered
 * executors), stops at approval gates, completes phases whose tasks are done, completes the
 * migration, and finishes rollbacks. Every step is a conditional transaction, so replicas may
 * advance the same migration at the same time; only one wins each step.
 *
 * @public
 */
export class PhaseAdvancer {
  private readonly inFlight = new Map<
    string,
    { promise: Promise<void>; again: boolean }
  >();

  constructor(
    private readonly deps: {
      store: MigrationStore;
      registry: ExecutorRegistry;
      logger: LoggerService;
      signals: SignalPublisher;
      events: LocalEvents;
      metrics: EngineMetrics;
      defaultMaxAttempts: number;
    },
  ) {}

  /**
   * Advances a migration as far as it can go now. Concurrent calls for one migration in this
   * process are coalesced into one more pass.
   */
  advance(migrationId: string): Promise<void> {
    const current = this.inFlight.get(migrationId);
    if (current) {
      current.again = true;
      return current.promise;
    }
    const entry = { promise: Promise.resolve(), again: false };
    entry.promise = (async () => {
      try {
        do {
          entry.again = false;
          await this.advanceOnce(migrationId);
        } while (entry.again);
      } finally {
        this.inFlight.delete(migrationId);
      }
    })();
    this.inFlight.set(migrationId, entry);
    return entry.promise;
  }

  private async advanceOnce(migrationId: string): Promise<void> {
    const { store } = this.deps;
    for (let step = 0; step < MAX_STEPS; step++) {
      const migration = await store.getMigration(migrationId);
      if (!migration) {
        return;
      }
      const summaries = await store.getPhaseSummaries(migrationId);
      if (migration.status === 'rolling_back') {
        await this.advanceRollback(migration, summaries);
        return;
      }
      if (migration.status !== 'running') {
        return;
      }
      const current = summaries.find(
        s => s.status !== 'succeeded' && s.status !== 'skipped',
      );
      if (!current) {
        if (
          await store.completeMigration(migrationId, {
            actor: ENGINE_ACTOR,
            action: 'migration.completed',
          })
        ) {
          await this.deps.signals.publish({
            migrationId,
            type: 'migration',
            status: 'completed',
          });
        }
        return;
      }
      const moved = await this.advancePhase(migration, current);
      if (!moved) {
        return;
      }
    }
    this.deps.logger.warn(
      `Migration ${migrationId} did not settle after ${MAX_STEPS} steps`,
    );
  }

  /** One step on the current phase; true when the next step may continue. */
  private async advancePhase(
    migration: Migration,
    current: PhaseSummary,
  ): Promise<boolean> {
    const { store, signals } = this.deps;
    const phase = current.phase;
    switch (current.status) {
      case 'pending': {
        const gated = (migration.gatedPhases ?? []).includes(phase);
        if (gated && current.approvalStatus !== 'approved') {
          if (
            await store.gatePhase({
              migrationId: migration.id,
              phase,
              audit: {
                actor: ENGINE_ACTOR,
                action: 'phase.awaiting_approval',
                phase,
              },
            })
          ) {
            await signals.publish({
              migrationId: migration.id,
              type: 'approval',
              phase,
              status: 'awaiting_approval',
            });
          }
          return false;
        }
        return this.openPhase(migration, phase);
      }
      case 'running': {
        if (current.run.open > 0) {
          return false;
        }
        if (current.run.failed > 0) {
          // A retried sibling finished while another task of the phase stayed failed.
          await store
            .transitionMigration({
              id: migration.id,
              from: ['running'],
              to: 'failed',
              reason: `The ${phase} phase has failed tasks; retry them or roll back`,
              audit: {
                actor: ENGINE_ACTOR,
                action: 'migration.failed',
                phase,
              },
            })
            .catch(() => undefined);
          await signals.publish({
            migrationId: migration.id,
            type: 'migration',
            status: 'failed',
          });
          return false;
        }
        const done = await store.completePhase({
          migrationId: migration.id,
          phase,
          audit: { actor: ENGINE_ACTOR, action: 'phase.succeeded', phase },
        });
        if (done) {
          this.deps.metrics.phaseCompleted(phase, done.durationMs);
          await signals.publish({
            migrationId: migration.id,
            type: 'phase',
            phase,
            status: 'running',
          });
        }
        return true;
      }
      default:
        return false;
    }
  }

  private async openPhase(
    migration: Migration,
    phase: MigrationPhase,
  ): Promise<boolean> {
    const { store, registry, logger, signals } = this.deps;
    let tasks: NewTask[];
    try {
      tasks = await this.planPhase(migration, phase);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn(
        `Planning phase ${phase} of migration ${migration.id} failed: ${message}`,
      );
      await this.failPlanning(migration, phase, message, { error: message });
      await signals.publish({
        migrationId: migration.id,
        type: 'migration',
        status: 'failed',
        phase,
      });
      return false;
    }
    let result;
    try {
      result = await store.openPhase({
        migrationId: migration.id,
        phase,
        tasks,
        audit: {
          actor: ENGINE_ACTOR,
          action: 'phase.started',
          phase,
          detail: {
            tasks: tasks.length,
            executors: registry.forPhase(phase).map(e => e.taskType),
          },
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (/unique|duplicate/i.test(message)) {
        await this.failPlanning(
          migration,
          phase,
          'a task key is already used by an earlier phase',
        );
        return false;
      }
      throw error;
    }
    if (result === 'conflict') {
      return true;
    }
    await signals.publish({
      migrationId: migration.id,
      type: 'phase',
      phase,
      status: 'running',
    });
    if (result === 'opened') {
      this.deps.events.workAvailable();
      return false;
    }
    return true;
  }

  /** Fails a running migration whose phase could not be planned (if nothing else moved it). */
  private async failPlanning(
    migration: Migration,
    phase: MigrationPhase,
    why: string,
    detail?: JsonObject,
  ) {
    await this.deps.store
      .transitionMigration({
        id: migration.id,
        from: ['running'],
        to: 'failed',
        reason: `Planning the ${phase} phase failed: ${why}`,
        audit: {
          actor: ENGINE_ACTOR,
          action: 'phase.planning_failed',
          phase,
          ...(detail ? { detail } : {}),
        },
      })
      .catch(() => undefined);
  }

  private async planPhase(
    migration: Migration,
    phase: MigrationPhase,
  ): Promise<NewTask[]> {
    const { registry, store, logger } = this.deps;
    const specs: Array<TaskSpec & { taskType: string }> = [];
    for (const executor of registry.forPhase(phase)) {
      const planned = await executor.plan({
        migration,
        artifacts: createArtifactReader(store, migration.id),
        logger: logger.child({
          migrationId: migration.id,
          phase,
          taskType: executor.taskType,
        }),
      });
      for (const spec of planned ?? []) {
        specs.push({ ...spec, taskType: executor.taskType });
      }
    }
    const ordered = validateTaskSpecs(phase, specs);
    const idByKey = new Map(ordered.map(spec => [spec.key, randomUUID()]));
    return ordered.map(spec => ({
      id: idByKey.get(spec.key)!,
      phase,
      taskType: spec.taskType,
      key: spec.key,
      title: spec.title || spec.key,
      mode: 'run',
      maxAttempts:
        registry.get(spec.taskType)?.maxAttempts ??
        this.deps.defaultMaxAttempts,
      input: spec.input ?? {},
      dependsOnTaskIds: (spec.dependsOn ?? []).map(dep => idByKey.get(dep)!),
    }));
  }

  private async advanceRollback(
    migration: Migration,
    summaries: PhaseSummary[],
  ): Promise<void> {
    const open = summaries.reduce((n, s) => n + s.compensate.open, 0);
    const failed = summaries.reduce((n, s) => n + s.compensate.failed, 0);
    if (open > 0 || failed > 0) {
      return;
    }
    if (
      await this.deps.store.finishRollback(migration.id, {
        actor: ENGINE_ACTOR,
        action: 'migration.rolled_back',
      })
    ) {
      await this.deps.signals.publish({
        migrationId: migration.id,
        type: 'migration',
        status: 'rolled_back',
      });
    }
  }
}
