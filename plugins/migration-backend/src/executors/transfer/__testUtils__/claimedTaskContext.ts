import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { MigrationOptions } from '@sirsi-nexus/plugin-migration-common';
import type { TaskContext } from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import { KnexMigrationStore } from '../../../database/KnexMigrationStore';
import { createTaskContext } from '../../../engine/createTaskContext';
import { SignalPublisher } from '../../../engine/SignalPublisher';

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child: () => silentLogger,
};

/**
 * A transfer task claimed on a real database, and the context the engine would hand its
 * executor: every checkpoint, journal and artifact write goes through the knex store under the
 * task's lease (long enough that no heartbeat is needed). Free of jest: the transfer bench uses
 * it too.
 */
export async function claimedTaskContext(
  knex: Knex,
  options: { input?: JsonObject; migrationOptions?: MigrationOptions } = {},
): Promise<{
  ctx: TaskContext;
  migrationId: string;
  store: KnexMigrationStore;
}> {
  const store = new KnexMigrationStore(knex);
  const actor = { actor: 'user:default/alice', action: 'migration.created' };
  const { migration } = await store.createMigration(
    {
      id: randomUUID(),
      title: 'Move the orders data',
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs: ['resource:default/db-01'],
      owner: 'group:default/orders',
      requestedBy: 'user:default/alice',
      options: options.migrationOptions ?? { rehearsal: true },
      gatedPhases: [],
    },
    actor,
  );
  await store.openPhase({
    migrationId: migration.id,
    phase: 'transfer',
    tasks: [
      {
        id: randomUUID(),
        phase: 'transfer',
        taskType: 'transfer.move',
        key: 'transfer.data',
        title: 'Move data with integrity checks',
        mode: 'run',
        maxAttempts: 3,
        input: options.input ?? { step: 'data' },
        dependsOnTaskIds: [],
      },
    ],
    audit: { ...actor, action: 'phase.started' },
  });
  const [task] = (
    await store.claimTasks({
      workerId: 'test-worker',
      limit: 10,
      leaseDurationMs: 10 * 60_000,
    })
  ).filter(t => t.migrationId === migration.id);
  const logger = silentLogger;
  const ctx = createTaskContext({
    task,
    migration: (await store.getMigration(migration.id))!,
    signal: new AbortController().signal,
    logger,
    store,
    signals: new SignalPublisher(undefined, logger),
    progressThrottleMs: 0,
    maxArtifactBytes: 64 * 1024 * 1024,
    onLeaseLost: () => {},
  });
  return { ctx, migrationId: migration.id, store };
}
