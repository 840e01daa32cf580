import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import type { TaskContext } from '@sirsi-nexus/plugin-migration-node';
import { ENGINE_ACTOR } from '../database/engineActor';
import type { ClaimedTask, MigrationStore } from '../database/MigrationStore';
import {
  assertArtifactName,
  createArtifactReader,
  encodeArtifact,
} from './artifacts';
import type { SignalPublisher } from './SignalPublisher';

/** Thrown inside a task when a write finds that the task's lease is gone. */
export class LeaseLostError extends Error {
  name = 'LeaseLostError';
  constructor(taskId: string) {
    super(`Task ${taskId} no longer holds its lease; its writes are discarded`);
  }
}

interface TaskContextOptions {
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
}

/** What every write does when the store refuses it: the lease is gone. */
type Lost = () => LeaseLostError;

function checkpointer(
  { task, store, signal }: TaskContextOptions,
  lost: Lost,
): TaskContext['checkpoint'] {
  return async function checkpoint<T extends JsonValue | void>({
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
    const held = await store.putCheckpoint({
      taskId: task.id,
      leaseToken: task.leaseToken,
      key,
      value: json,
    });
    if (!held) {
      throw lost();
    }
    return json as T;
  };
}

function progressReporter(
  { task, store, signals, progressThrottleMs }: TaskContextOptions,
  lost: Lost,
): TaskContext['progress'] {
  let lastProgressAt = 0;
  return async (fraction, message) => {
    const value = Number.isFinite(fraction)
      ? Math.max(0, Math.min(1, fraction))
      : 0;
    const now = Date.now();
    if (value < 1 && now - lastProgressAt < progressThrottleMs) {
      return;
    }
    lastProgressAt = now;
    const held = await store.reportProgress({
      taskId: task.id,
      leaseToken: task.leaseToken,
      progress: value,
      message,
    });
    if (!held) {
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
  };
}

function artifactWriter(
  { task, store, signals, maxArtifactBytes }: TaskContextOptions,
  lost: Lost,
): TaskContext['artifacts']['put'] {
  return async (name, data, putOptions) => {
    assertArtifactName(name);
    const { content, mediaType } = encodeArtifact(data, putOptions?.mediaType);
    if (content.length > maxArtifactBytes) {
      throw new InputError(
        `Artifact ${name} has ${content.length} bytes, more than the ${maxArtifactBytes} allowed`,
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
  };
}

/** The migration's journals; writes hold the task's lease. */
function journal(
  { task, store }: TaskContextOptions,
  lost: Lost,
): TaskContext['journal'] {
  const writer = {
    migrationId: task.migrationId,
    taskId: task.id,
    leaseToken: task.leaseToken,
  };
  const held = (written: boolean) => {
    if (!written) throw lost();
  };
  return {
    read: name => store.readJournal(task.migrationId, name),
    reset: async (name, base) =>
      held(await store.resetJournal(writer, name, base)),
    append: async (name, records) =>
      held(await store.appendJournal(writer, name, records)),
  };
}

/**
 * Builds the context an executor's `run` or `compensate` receives. Every write (checkpoint,
 * progress, journal, artifact) presents the lease token, so a worker that lost its lease cannot
 * change anything.
 */
export function createTaskContext(options: TaskContextOptions): TaskContext {
  const { task } = options;
  const lost = () => {
    options.onLeaseLost();
    return new LeaseLostError(task.id);
  };
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
    signal: options.signal,
    logger: options.logger,
    checkpoint: checkpointer(options, lost),
    progress: progressReporter(options, lost),
    journal: journal(options, lost),
    artifacts: {
      ...createArtifactReader(options.store, task.migrationId),
      put: artifactWriter(options, lost),
    },
  };
}
