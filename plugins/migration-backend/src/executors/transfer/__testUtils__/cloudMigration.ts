import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
  type MigrationTarget,
  type TransferArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudCapabilityLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import {
  alice,
  bob,
  countingExecutors,
  createRequest,
  createTestEngine,
  type TestEngine,
} from '../../../__testUtils__/engineHarness';
import { readExecutionConfig } from '../../config';
import { createValidateExecutor } from '../../validate/createValidateExecutor';
import { planEntities, testSettings } from './flowHarness';
import { createTransferExecutor } from '../createTransferExecutor';

/** Waits until the migration has the status; fails at once, with its reason, when it failed. */
async function settled(engine: TestEngine, id: string, status: string) {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const m = await engine.store.getMigration(id);
    if (m?.status === status) return m;
    if (m?.status === 'failed' || Date.now() > deadline) {
      throw new Error(
        `The migration is ${m?.status}, not ${status}: ${
          m?.statusReason ?? ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, 50));
  }
}

/** A maintenance window open now. */
export const openWindow = () =>
  `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(
    Date.now() + 3_600_000,
  ).toISOString()}`;

/**
 * Runs a whole real (non-rehearsal) migration on the engine with the transfer and validate
 * executors over a cloud's capabilities — the other phases do nothing but capture the resources —
 * from request to Completed; `rollBack` then rolls it back to Rolled back.
 */
export async function runCloudMigration(options: {
  knex: Knex;
  capabilities: CloudCapabilityLookup;
  target: MigrationTarget;
  resources: DiscoveredResource[];
  /** Blocks of `migration` (replication, dns) for the settings. */
  settings: { replication?: JsonObject; dns?: JsonObject };
  running: TestEngine[];
}) {
  const config = readExecutionConfig(new ConfigReader({}));
  const settings = testSettings(options.settings);
  const entities = planEntities(options.resources);
  const { executors } = countingExecutors({
    plan: {
      async run(ctx) {
        await ctx.artifacts.put(
          MIGRATION_ARTIFACTS.planEntities.name,
          entities,
        );
        return {};
      },
    },
  });
  const all: MigrationExecutor[] = [
    ...executors.filter(e => e.phase !== 'transfer' && e.phase !== 'validate'),
    createTransferExecutor({
      config,
      capabilities: options.capabilities,
      settings,
    }),
    createValidateExecutor({
      config,
      capabilities: options.capabilities,
      settings,
    }),
  ];
  // These runs assert each service's exact call sequence: a lease long enough that a loaded
  // machine never hands a task to a second attempt (which would repeat idempotent calls).
  const engine = createTestEngine({
    knex: options.knex,
    executors: all,
    engine: { leaseDurationMs: 60_000, heartbeatIntervalMs: 1_000 },
  });
  options.running.push(engine);
  await engine.engine.start();
  const { migration } = await engine.service.create(
    createRequest({
      target: options.target,
      options: { rehearsal: false, maintenanceWindows: [openWindow()] },
    }),
    alice,
  );
  const done = await settled(engine, migration.id, 'completed');
  const transfer = async () =>
    JSON.parse(
      (await engine.store.getArtifact(
        migration.id,
        MIGRATION_ARTIFACTS.transfer.name,
      ))!.content.toString('utf8'),
    ) as TransferArtifact;
  return {
    migration: done,
    engine,
    transfer,
    async rollBack() {
      await engine.service.rollback(migration.id, bob, 'integration test');
      return settled(engine, migration.id, 'rolled_back');
    },
  };
}
