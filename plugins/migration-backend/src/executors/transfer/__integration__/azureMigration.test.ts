import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createCloudCapabilityLookup } from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import { setupServer } from 'msw/node';
import { createAzureCapabilities } from '@sirsi-nexus/plugin-migration-backend-module-azure';
import {
  RG,
  SUBSCRIPTION,
  VAULT,
  createFakeSiteRecovery,
  migrationItem,
  staticCredential,
} from '@sirsi-nexus/plugin-migration-backend-module-azure/testUtils';
import type { TestEngine } from '../../../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../../__testUtils__/testDatabases';
import { runCloudMigration } from '../__testUtils__/cloudMigration';
import { vm } from '../__testUtils__/flowHarness';

jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

/** Site Recovery of a Recovery Services vault (ARM JSON, Azure-AsyncOperation) and its replicator. */
function siteRecovery() {
  const fake = createFakeSiteRecovery([
    migrationItem('web-01', {
      ip: '10.9.0.1',
      lastRecoveryPointReceived: new Date(Date.now() - 30_000).toISOString(),
    }),
  ]);
  server.use(...fake.handlers);
  const retry = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
  const replicator = createAzureCapabilities({
    config: new ConfigReader({
      migration: {
        replication: {
          azure: {
            subscriptionId: SUBSCRIPTION,
            resourceGroup: RG,
            vault: VAULT,
            retry,
          },
        },
      },
    }),
    logger: mockServices.logger.mock(),
    credentialFor: () => staticCredential(),
  }).serverReplicator!({ provider: 'azure', region: 'westeurope' })!;
  return { fake, replicator };
}

describe('a migration to Azure', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  const running: TestEngine[] = [];
  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(e => e.stop()));
  });

  it('replicates with Azure Migrate, migrates and completes the migration — then rolls back, leaving the completed VM', async () => {
    const { fake, replicator } = siteRecovery();
    const run = await runCloudMigration({
      knex,
      running,
      target: { provider: 'azure', region: 'westeurope' },
      capabilities: createCloudCapabilityLookup({
        azure: { serverReplicator: () => replicator },
      }),
      resources: [vm('web-01')],
      settings: { replication: { pollIntervalSeconds: 0.05 } },
    });

    const changing = () => fake.calls.filter(c => !c.startsWith('GET '));
    expect(changing()).toEqual([
      'PATCH web-01',
      'POST migrate web-01',
      'DELETE web-01',
    ]);
    expect((await run.transfer()).replication!.servers[0]).toMatchObject({
      name: 'web-01',
      step: 'finalized',
      cutoverInstance: { addresses: ['10.20.1.14'] },
    });

    const before = changing().length;
    await run.rollBack();
    // Completed: the migration item is gone and the source VM kept running; nothing to undo.
    expect(changing().slice(before)).toEqual([]);
    const transfer = await run.transfer();
    expect(transfer.statements).toContain(
      'Rolled back wave 1: web-01 had been finalized: nothing to undo, the source keeps running.',
    );
  });
});
