import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigReader } from '@backstage/config';
import {
  MIGRATION_ARTIFACTS,
  type DnsCutoverArtifact,
  type TransferArtifact,
  type ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createCloudCapabilityLookup,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import {
  InMemoryDnsCutover,
  InMemoryServerReplicator,
} from '@sirsi-nexus/plugin-migration-node/testUtils';
import type { Knex } from 'knex';
import {
  alice,
  bob,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitFor,
  waitForStatus,
  type TestEngine,
} from '../../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../__testUtils__/testDatabases';
import { readExecutionConfig } from '../config';
import { createValidateExecutor } from '../validate/createValidateExecutor';
import { planEntities, testSettings, vm } from './__testUtils__/flowHarness';
import { createTransferExecutor } from './createTransferExecutor';

jest.setTimeout(90_000);

/** The source and, after the move, the target of web-01: a local HTTP service. */
let service: http.Server;
let port: number;
let healthStatus = 200;
beforeAll(async () => {
  service = http.createServer((req, res) => {
    res.statusCode = req.url === '/healthz' ? healthStatus : 404;
    res.end('ok');
  });
  await new Promise<void>(r => service.listen(0, '127.0.0.1', () => r()));
  port = (service.address() as AddressInfo).port;
});
afterAll(() => new Promise(r => service.close(r)));

const openWindow = () =>
  `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(
    Date.now() + 3_600_000,
  ).toISOString()}`;

function world() {
  const replicator = new InMemoryServerReplicator({
    service: 'AWS Application Migration Service',
    jobPolls: 3,
    servers: [
      {
        serverId: 's-1',
        knownAs: ['web-01'],
        totalBytes: 50 * 1024 ** 3,
        replicatedBytes: 20 * 1024 ** 3,
        lagSeconds: 1800,
        health: 'replicating',
        lifecycle: 'not_ready',
        testAddresses: ['127.0.0.1'],
        cutoverAddresses: ['127.0.0.1'],
        script: [
          {},
          { replicatedBytes: 40 * 1024 ** 3, lagSeconds: 600 },
          {
            replicatedBytes: 50 * 1024 ** 3,
            lagSeconds: 12,
            health: 'healthy',
            lifecycle: 'ready_for_test',
          },
        ],
      },
    ],
  });
  const dns = new InMemoryDnsCutover({
    service: 'Amazon Route 53',
    zones: {
      'example.com': [
        { name: 'shop.example.com', type: 'A', ttl: 2, values: ['192.0.2.10'] },
      ],
    },
  });
  const capabilities = createCloudCapabilityLookup({
    aws: { serverReplicator: () => replicator, dnsCutover: () => dns },
  });
  const settings = testSettings({
    replication: { pollIntervalSeconds: 0.05 },
    dns: {
      lowerTtlSeconds: 1,
      zones: [{ name: 'example.com', provider: 'aws' }],
    },
  });
  const config = readExecutionConfig(
    new ConfigReader({
      migration: {
        // Both sides are this machine, shared with other tests: jitter is all there is.
        validation: {
          latencySamples: 3,
          timeoutMs: 1000,
          latencyToleranceMs: 500,
        },
      },
    }),
  );
  const entities = planEntities([
    vm('web-01', {
      ip: '127.0.0.1',
      tags: {
        port: String(port),
        'health-url': `http://shop.example.com:${port}/healthz`,
        'dns-name': 'shop.example.com',
      },
    }),
  ]);
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
    createTransferExecutor({ config, capabilities, settings }),
    createValidateExecutor({ config, capabilities, settings }),
  ];
  return { replicator, dns, executors: all };
}

describe('servers and DNS moved on the engine', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    const running: TestEngine[] = [];

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
    });

    afterEach(async () => {
      healthStatus = 200;
      await Promise.all(running.splice(0).map(e => e.stop()));
      await knex('migrations')
        .whereNotIn('status', [
          'completed',
          'failed',
          'cancelled',
          'rolled_back',
        ])
        .update({ status: 'cancelled' });
    });

    async function start(executors: MigrationExecutor[], workerId?: string) {
      const engine = createTestEngine({ knex, executors, workerId });
      running.push(engine);
      await engine.engine.start();
      return engine;
    }

    async function artifact<T>(
      engine: TestEngine,
      migrationId: string,
      name: string,
    ): Promise<T> {
      const found = await engine.store.getArtifact(migrationId, name);
      return JSON.parse(found!.content.toString('utf8')) as T;
    }

    it('rehearses: healthy replication, a test instance the validation probes, then its clean-up', async () => {
      const { replicator, dns, executors } = world();
      const a = await start(executors);
      const { migration } = await a.service.create(
        createRequest({ options: { rehearsal: true } }),
        alice,
      );
      await waitForStatus(a.store, migration.id, 'completed', 60_000);

      expect(replicator.changes()).toEqual([
        'configureLaunch s-1',
        'startTest s-1',
        'cleanupTest s-1',
      ]);
      expect(dns.changesMade()).toEqual([]);
      const validation = await artifact<ValidationReport>(
        a,
        migration.id,
        MIGRATION_ARTIFACTS.validation.name,
      );
      const check = (id: string) => validation.checks.find(c => c.id === id);
      expect(check('network.tcp.web-01')).toMatchObject({
        status: 'passed',
        target: `127.0.0.1:${port}`,
      });
      expect(check('network.http.web-01')).toMatchObject({
        status: 'passed',
        target: `http://127.0.0.1:${port}/healthz`,
      });
      // Compared with the baseline the transfer phase took of the source.
      expect(check('performance.latency.web-01')).toMatchObject({
        status: 'passed',
        metrics: expect.objectContaining({ baselineP95Ms: expect.any(Number) }),
      });

      const transfer = await artifact<TransferArtifact>(
        a,
        migration.id,
        MIGRATION_ARTIFACTS.transfer.name,
      );
      expect(transfer.replication!.servers).toEqual([
        expect.objectContaining({
          name: 'web-01',
          step: 'tested',
          bytesTransferred: 50 * 1024 ** 3,
          lagSeconds: 12,
          testInstance: { id: 'i-test-s-1', addresses: ['127.0.0.1'] },
        }),
      ]);
      const dnsCutover = await artifact<DnsCutoverArtifact>(
        a,
        migration.id,
        MIGRATION_ARTIFACTS.dnsCutover.name,
      );
      expect(dnsCutover.execution).toMatchObject({
        rehearsal: true,
        records: [
          {
            name: 'shop.example.com',
            state: 'recorded',
            previous: { ttl: 2, values: ['192.0.2.10'] },
          },
        ],
      });
      const events = await a.service.listEvents(migration.id, { limit: 1000 });
      // Waiting for replication and for the jobs never held a worker or burnt an attempt.
      expect(
        events.filter(e => e.action === 'task.deferred').length,
      ).toBeGreaterThan(3);
      expect(events.filter(e => e.action === 'task.retry_scheduled')).toEqual(
        [],
      );
    });

    it('cuts over, switches DNS, validates and finalizes — across a restart — and a rollback restores DNS and leaves the source running', async () => {
      const { replicator, dns, executors } = world();
      const a = await start(executors, 'replica-a');
      const { migration } = await a.service.create(
        createRequest({
          options: { rehearsal: false, maintenanceWindows: [openWindow()] },
        }),
        alice,
      );
      // The backend restarts while the cutover job runs.
      await waitFor(
        () => replicator.changes().includes('startCutover s-1'),
        60_000,
        'the cutover to start',
      );
      await a.stop();
      const b = await start(executors, 'replica-b');
      await waitForStatus(b.store, migration.id, 'completed', 60_000);

      expect(replicator.changes()).toEqual([
        'configureLaunch s-1',
        'startCutover s-1',
        'finalize s-1',
        'archive s-1',
      ]);
      expect(dns.changesMade()).toEqual([
        'apply example.com: shop.example.com A 1 192.0.2.10',
        'apply example.com: shop.example.com A 1 127.0.0.1',
      ]);
      const validation = await artifact<ValidationReport>(
        b,
        migration.id,
        MIGRATION_ARTIFACTS.validation.name,
      );
      expect(
        validation.checks.find(c => c.id === 'network.http.web-01')?.status,
      ).toBe('passed');

      await b.service.rollback(migration.id, bob, 'the shop must go back');
      await waitForStatus(b.store, migration.id, 'rolled_back', 60_000);
      // Finalized: nothing to revert, the source kept running; DNS points at it again.
      expect(replicator.changes()).toHaveLength(4);
      expect(dns.changesMade().slice(2)).toEqual([
        'apply example.com: shop.example.com A 2 192.0.2.10',
      ]);
      expect(
        dns.record('example.com', 'shop.example.com', 'A')?.values,
      ).toEqual(['192.0.2.10']);
    });

    it('stops before finalizing when the cut-over server fails validation, and the rollback reverts the cutover and restores DNS', async () => {
      healthStatus = 500;
      const { replicator, dns, executors } = world();
      const a = await start(executors);
      const { migration } = await a.service.create(
        createRequest({
          options: { rehearsal: false, maintenanceWindows: [openWindow()] },
        }),
        alice,
      );
      const failed = await waitForStatus(
        a.store,
        migration.id,
        'failed',
        60_000,
      );
      expect(failed.statusReason).toMatch(/HTTP health of web-01/);
      expect(replicator.changes()).toEqual([
        'configureLaunch s-1',
        'startCutover s-1',
      ]);

      await a.service.rollback(migration.id, bob, 'validation failed');
      await waitForStatus(a.store, migration.id, 'rolled_back', 60_000);
      expect(replicator.changes()).toEqual([
        'configureLaunch s-1',
        'startCutover s-1',
        'revert s-1',
      ]);
      expect(replicator.servers.get('s-1')?.lifecycle).toBe(
        'ready_for_cutover',
      );
      expect(dns.record('example.com', 'shop.example.com', 'A')).toEqual({
        name: 'shop.example.com',
        type: 'A',
        ttl: 2,
        values: ['192.0.2.10'],
      });
      const transfer = await artifact<TransferArtifact>(
        a,
        migration.id,
        MIGRATION_ARTIFACTS.transfer.name,
      );
      expect(transfer.statements).toContain(
        'Rolled back wave 1: cutover of web-01 reverted (the source stays authoritative).',
      );
    });
  });
});
