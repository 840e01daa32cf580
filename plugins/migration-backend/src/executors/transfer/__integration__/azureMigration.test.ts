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
  DNS_RG,
  RG,
  SUBSCRIPTION,
  VAULT,
  createFakeAzureDns,
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
  const dns = createFakeAzureDns();
  server.use(...dns.handlers);
  // The record the cutover switches: shop.example.com on the source's address (a 2 s TTL, so
  // waiting out the old TTL before the switch keeps the test short).
  dns.seed('example.com', 'A', 'shop', {
    TTL: 2,
    ARecords: [{ ipv4Address: '192.0.2.10' }],
  });
  const azure = createAzureCapabilities({
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
        dns: {
          zones: [
            {
              name: 'example.com',
              provider: 'azure',
              azure: { subscriptionId: SUBSCRIPTION, resourceGroup: DNS_RG },
            },
          ],
          retry,
        },
      },
    }),
    logger: mockServices.logger.mock(),
    credentialFor: () => staticCredential(),
  });
  const target = { provider: 'azure', region: 'westeurope' };
  const replicator = azure.serverReplicator!(target)!;
  const dnsCutover = azure.dnsCutover!(target)!;
  return { fake, replicator, dns, dnsCutover };
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

  it('replicates with Azure Migrate, migrates, switches Azure DNS and completes the migration — then rolls back DNS, leaving the completed VM', async () => {
    const { fake, replicator, dns, dnsCutover } = siteRecovery();
    const run = await runCloudMigration({
      knex,
      running,
      target: { provider: 'azure', region: 'westeurope' },
      capabilities: createCloudCapabilityLookup({
        azure: {
          serverReplicator: () => replicator,
          dnsCutover: () => dnsCutover,
        },
      }),
      resources: [vm('web-01', { tags: { 'dns-name': 'shop.example.com' } })],
      settings: {
        replication: { pollIntervalSeconds: 0.05 },
        dns: {
          lowerTtlSeconds: 1,
          zones: [{ name: 'example.com', provider: 'azure' }],
        },
      },
    });

    const changing = () => fake.calls.filter(c => !c.startsWith('GET '));
    expect(changing()).toEqual([
      'PATCH web-01',
      'POST migrate web-01',
      'DELETE web-01',
    ]);
    // TTL lowered ahead of the window, then switched to the migrated VM's address.
    expect(dns.calls.filter(c => !c.startsWith('GET '))).toEqual([
      'PUT A shop',
      'PUT A shop',
    ]);
    expect(dns.stored('example.com', 'A', 'shop')!.properties).toMatchObject({
      TTL: 1,
      ARecords: [{ ipv4Address: '10.20.1.14' }],
    });
    expect((await run.transfer()).replication!.servers[0]).toMatchObject({
      name: 'web-01',
      step: 'finalized',
      cutoverInstance: { addresses: ['10.20.1.14'] },
    });

    const before = changing().length;
    const dnsBefore = dns.calls.length;
    await run.rollBack();
    // Completed: the migration item is gone and the source VM kept running; nothing to undo
    // there. Azure DNS gets the stored record back.
    expect(changing().slice(before)).toEqual([]);
    expect(
      dns.calls.slice(dnsBefore).filter(c => !c.startsWith('GET ')),
    ).toEqual(['PUT A shop']);
    expect(dns.stored('example.com', 'A', 'shop')!.properties).toMatchObject({
      TTL: 2,
      ARecords: [{ ipv4Address: '192.0.2.10' }],
    });
    const transfer = await run.transfer();
    expect(transfer.statements).toContain(
      'Rolled back wave 1: web-01 had been finalized: nothing to undo, the source keeps running.',
    );
  });
});
