import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createCloudCapabilityLookup } from '@sirsi-nexus/plugin-migration-node';
import {
  CloudDnsCutover,
  MigrateToVmsServerReplicator,
} from '@sirsi-nexus/plugin-migration-backend-module-gcp';
// The gcp package exports no test utilities yet; its fakes are imported from its source.
import { createFakeCloudDns } from '@sirsi-nexus/plugin-migration-backend-module-gcp/testUtils';
import { createFakeCompute } from '@sirsi-nexus/plugin-migration-backend-module-gcp/testUtils';
import { createFakeVmMigration } from '@sirsi-nexus/plugin-migration-backend-module-gcp/testUtils';
import {
  FAST_RETRY,
  testAuth,
} from '@sirsi-nexus/plugin-migration-backend-module-gcp/testUtils';
import {
  LOCATION,
  PROJECT,
  TARGET_PROJECT,
  ZONE,
} from '@sirsi-nexus/plugin-migration-backend-module-gcp/testUtils';
/* eslint-enable @backstage/no-forbidden-package-imports */
import type { Knex } from 'knex';
import { setupServer } from 'msw/node';
import type { TestEngine } from '../../../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../../__testUtils__/testDatabases';
import { vm } from '../__testUtils__/flowHarness';
import { runCloudMigration } from '../__testUtils__/cloudMigration';

jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

/**
 * The fakes' credentials, sending through the global fetch (which msw serves): gaxios otherwise
 * loads node-fetch with a dynamic import, which this package's Jest set-up does not transform
 * (the gcp package's does).
 */
async function fetchAuth() {
  const auth = testAuth();
  const client = (await auth.getClient()) as unknown as {
    transporter: { defaults: { fetchImplementation?: typeof fetch } };
  };
  client.transporter.defaults.fetchImplementation = fetch;
  return auth;
}

/** Migrate to Virtual Machines and Compute Engine served by msw, and the replicator of them. */
async function migrateToVms() {
  const compute = createFakeCompute();
  const m2vm = createFakeVmMigration({
    compute,
    project: PROJECT,
    location: LOCATION,
    source: 'vmware-dc1',
    targetProject: TARGET_PROJECT,
    zone: ZONE,
  });
  server.use(m2vm.handler, compute.handler);
  const replicator = new MigrateToVmsServerReplicator({
    auth: await fetchAuth(),
    project: PROJECT,
    location: LOCATION,
    source: 'vmware-dc1',
    retry: FAST_RETRY,
    pollIntervalMs: 1,
  });
  return { compute, m2vm, replicator };
}

/** Calls that change something, in the order each service received them. */
const changes = (calls: string[]) => calls.filter(c => !c.startsWith('GET '));

/**
 * Google Cloud: Migrate to Virtual Machines (REST v1 + operations), Compute Engine and Cloud DNS
 * served by msw in their JSON formats, driven by the engine through a whole real migration and
 * its rollback.
 */
describe('a migration to Google Cloud', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  const running: TestEngine[] = [];
  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(e => e.stop()));
  });

  it('replicates, cuts over, switches Cloud DNS, finalizes — then rolls back DNS and leaves the finalized VM', async () => {
    const { m2vm, compute, replicator } = await migrateToVms();
    const vmName = m2vm.addVm('web-01', {
      displayName: 'web-01',
      sourceVmId: 'vm-4711',
      state: 'ACTIVE',
      lastSync: { lastSyncTime: new Date(Date.now() - 30_000).toISOString() },
      vmwareSourceVmDetails: { committedStorageBytes: '107374182400' },
    });
    const dnsFake = createFakeCloudDns('dns-prod-4711', ['example-com']);
    server.use(dnsFake.handler);
    dnsFake.zones.get('example-com')!.rrsets.set('shop.example.com. A', {
      kind: 'dns#resourceRecordSet',
      name: 'shop.example.com.',
      type: 'A',
      ttl: 2,
      rrdatas: ['192.0.2.10'],
    });
    const dns = new CloudDnsCutover({
      zones: [
        {
          name: 'example.com',
          project: 'dns-prod-4711',
          managedZone: 'example-com',
          auth: await fetchAuth(),
        },
      ],
      retry: FAST_RETRY,
    });

    const run = await runCloudMigration({
      knex,
      running,
      target: { provider: 'gcp', region: LOCATION },
      capabilities: createCloudCapabilityLookup({
        gcp: { serverReplicator: () => replicator, dnsCutover: () => dns },
      }),
      resources: [vm('web-01', { tags: { 'dns-name': 'shop.example.com' } })],
      settings: {
        replication: { pollIntervalSeconds: 0.05 },
        dns: {
          lowerTtlSeconds: 1,
          zones: [{ name: 'example.com', provider: 'gcp' }],
        },
      },
    });

    const instance = `projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web-01`;
    expect(changes(m2vm.calls)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^PATCH ${vmName}\\?updateMask=compute_engine_target_defaults\\.labels`,
        ),
      ),
      `POST ${vmName}/cutoverJobs?cutoverJobId=sirsi-cutover-1`,
      `POST ${vmName}:finalizeMigration`,
    ]);
    expect(changes(compute.calls)).toEqual([]);
    const zone = 'projects/dns-prod-4711/managedZones/example-com';
    console.log(
      JSON.stringify(dnsFake.calls, null, 1),
      JSON.stringify(
        await run.engine.store
          .getArtifact(run.migration.id, 'dns-cutover.json')
          .then(a => JSON.parse(a!.content.toString()).execution),
        null,
        1,
      ),
    );
    expect(changes(dnsFake.calls)).toEqual([
      `POST ${zone}/changes`,
      `POST ${zone}/changes`,
    ]);
    expect(
      dnsFake.zones.get('example-com')!.rrsets.get('shop.example.com. A'),
    ).toMatchObject({ ttl: 1, rrdatas: ['10.20.0.10'] });
    expect((await run.transfer()).replication!.servers[0]).toMatchObject({
      step: 'finalized',
      cutoverInstance: { id: instance, addresses: ['10.20.0.10'] },
    });
    expect(m2vm.vms.get(vmName)!.state).toBe('FINALIZED');

    const before = { m2vm: m2vm.calls.length, dns: dnsFake.calls.length };
    await run.rollBack();
    // Finalized: Migrate to VMs is not touched; Cloud DNS gets the stored record back.
    expect(changes(m2vm.calls.slice(before.m2vm))).toEqual([]);
    expect(changes(dnsFake.calls.slice(before.dns))).toEqual([
      `POST ${zone}/changes`,
    ]);
    expect(
      dnsFake.zones.get('example-com')!.rrsets.get('shop.example.com. A'),
    ).toMatchObject({ ttl: 2, rrdatas: ['192.0.2.10'] });
  });
});
