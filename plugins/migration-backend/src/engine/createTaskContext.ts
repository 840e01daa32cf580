import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import type { TaskContext } from '@sirsi-nexus/plugin-migration-node';
import type { ClaimedTask, MigrationStore } from '../database/MigrationStore';
import {
  assertArtifactName,
  createArtifactReader,
  encodeArtifact,
} from './artifacts';
import type { SignalPublisher } from './SignalPublisher';
import { ENGINE_ACTOR } from '../database/engineActor';

/** Thrown inside a task when a write finds that the task's lease is gone. */
export class LeaseLostError extends Error {
  name = 'LeaseLostError';
  constructor(taskId: string) {
    super(`Task ${taskId} no longer holds its lease; its writes are discarded`);
  }
}

/**
 * Builds the context an executor's `run` or `compensate` receives. Every write (checkpoint,
 * progress, artifact) presents the lease token, so a worker that lost its lease cannot change
 * anything.
 */
export function createTaskContext(options: {
  task: ClaimedTask;
  migration: Migration;
  signal: AbortSignal;
  logger: LoggerService;
  store: MigrationStore;
  signals: SignalPublisher;
  progressThrottleMs: number;
  maxArtifactBytes: number;
  onLeaseLost: () => void;
  compensates?: { taskId: string; output?: JsonObject };
}): TaskContext {
  const { task, store, signals, signal } = options;
  const lost = () => {
    options.onLeaseLost();
    return new LeaseLostError(task.id);
  };
  let lastProgressAt = 0;

  return {
    migration: options.migration,
    task: {
      id: task.id,
      key: task.key,
      title: task.title,
      input: task.input,
      attempt: task.attempt,
      compensates: options.compensates,
    },
    signal,
    logger: options.logger,

    async checkpoint<T extends JsonValue | void>({
      key,
      fn,
    }: {
      key: string;
      fn: () => Promise<T> | T;
    }): Promise<T> {
      if (!key || typeof key !== 'string' || key.length > 255) {
        throw new InputError('checkpoint key must be 1–255 characters');
      }
      const stored = await store.getCheckpoint(task.id, key);
      if (stored) {
        return stored.value as T;
      }
      signal.throwIfAborted();
      const value = await fn();
      const json =
        value === undefined
          ? undefined
          : (JSON.parse(JSON.stringify(value)) as JsonValue);
      if (
        !(await store.putCheckpoint({
          taskId: task.id,
          leaseToken: task.leaseToken,
          key,
          value: json,
        }))
      ) {
        throw lost();
      }
      return json as T;
    },

    async progress(fraction: number, message?: string) {
      const value = Number.isFinite(fraction)
        ? Math.max(0, Math.min(1, fraction))
        : 0;
      const now = Date.now();
      if (value < 1 && now - lastProgressAt < options.progressThrottleMs) {
        return;
      }
      lastProgressAt = now;
      if (
        !(await store.reportProgress({
          taskId: task.id,
          leaseToken: task.leaseToken,
          progress: value,
          message,
        }))
      ) {
        throw lost();
      }
      await signals.publish({
        migrationId: task.migrationId,
        type: 'task',
        phase: task.phase,
        taskId: task.id,
        taskStatus: 'running',
        progress: value,
      });
    },

    artifacts: {
      ...createArtifactReader(store, task.migrationId),
      async put(name, data, putOptions) {
        assertArtifactName(name);
        const { content, mediaType } = encodeArtifact(
          data,
          putOptions?.mediaType,
        );
        if (content.length > options.maxArtifactBytes) {
          throw new InputError(
            `Artifact ${name} has ${content.length} bytes, more than the ${options.maxArtifactBytes} allowed`,
          );
        }
        const summary = await store.putArtifact({
          migrationId: task.migrationId,
          name,
          mediaType,
          content,
          taskId: task.id,
          leaseToken: task.leaseToken,
          audit: {
            actor: ENGINE_ACTOR,
            action: 'artifact.stored',
            phase: task.phase,
          },
        });
        if (!summary) {
          throw lost();
        }
        await signals.publish({
          migrationId: task.migrationId,
          type: 'artifact',
          phase: task.phase,
          taskId: task.id,
          artifact: name,
        });
        return summary;
      },
    },
  };
}
