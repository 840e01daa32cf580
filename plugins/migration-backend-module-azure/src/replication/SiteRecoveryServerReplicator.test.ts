import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import type {
  ReplicatedServer,
  ReplicationCandidate,
} from '@sirsi-nexus/plugin-migration-node';
import { staticCredential, SUBSCRIPTION } from '../testUtils/arm';
import {
  createFakeSiteRecovery,
  migrationItem,
  RG,
  VAULT,
  type FakeSiteRecovery,
} from '../testUtils/fakeSiteRecovery';
import { readSiteRecoverySettings } from './replicationSettings';
import { SiteRecoveryServerReplicator } from './SiteRecoveryServerReplicator';

const server = setupServer();
registerMswTestHooks(server);

const TEST_VNET = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-test/providers/Microsoft.Network/virtualNetworks/vnet-isolated`;
const NOW = Date.parse('2026-05-04T10:00:00Z');

let fake: FakeSiteRecovery;
const logger = mockServices.logger.mock();

function replicator() {
  const settings = readSiteRecoverySettings(
    new ConfigReader({
      migration: {
        replication: {
          azure: {
            subscriptionId: SUBSCRIPTION,
            resourceGroup: RG,
            vault: VAULT,
            testNetworkId: TEST_VNET,
            retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
          },
        },
      },
    }),
  )!;
  return new SiteRecoveryServerReplicator({
    settings,
    access: {
      credential: staticCredential(),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
    },
    logger,
    now: () => NOW,
  });
}

const candidate = (
  name: string,
  extra: Partial<ReplicationCandidate> = {},
): ReplicationCandidate => ({
  entityRef: `resource:default/${name}`,
  name,
  externalId: `vm-${name}`,
  provider: 'inventory',
  hostnames: [],
  ipAddresses: [],
  ...extra,
});

async function matched(...names: string[]): Promise<ReplicatedServer[]> {
  const result = await replicator().match(names.map(n => candidate(n)));
  fake.calls.length = 0;
  return result.matched;
}

beforeEach(() => {
  fake = createFakeSiteRecovery([
    migrationItem('shop-web-01', {
      ip: '10.1.1.11',
      lastRecoveryPointReceived: '2026-05-04T09:58:30Z',
    }),
    migrationItem('shop-web-02', {
      ip: '10.1.1.12',
      lastRecoveryPointReceived: '2026-05-04T09:59:00Z',
    }),
    migrationItem('orders-db', {
      ip: '10.1.2.20',
      state: 'InitialSeedingInProgress',
      seeding: 25,
    }),
  ]);
  server.use(...fake.handlers);
});

describe('SiteRecoveryServerReplicator.match', () => {
  it('pairs resources with migration items by FQDN, short host name and IP over every page', async () => {
    const result = await replicator().match([
      candidate('web-a', { hostnames: ['SHOP-WEB-01.corp.example.com'] }),
      candidate('shop-web-02.corp.example.com'),
      candidate('db', { ipAddresses: ['192.0.2.1', '10.1.2.20'] }),
      candidate('billing-01', { ipAddresses: ['10.9.9.9'] }),
    ]);

    expect(fake.calls).toEqual(['GET list', 'GET list from 2']);
    expect(result.matched.map(m => [m.name, m.serviceName])).toEqual([
      ['web-a', 'shop-web-01'],
      ['shop-web-02.corp.example.com', 'shop-web-02'],
      ['db', 'orders-db'],
    ]);
    expect(result.matched[0].serverId).toBe(fake.item('shop-web-01')!.id);
    expect(result.unmatched).toEqual([
      {
        entityRef: 'resource:default/billing-01',
        name: 'billing-01',
        reason: expect.stringMatching(
          /billing-01 is not replicating in Recovery Services vault migrate-vault: discover it with the Azure Migrate appliance, then start its replication/,
        ),
      },
    ]);
  });

  it('refuses to guess when a short name matches several machines', async () => {
    fake = createFakeSiteRecovery([
      migrationItem('app.eu.corp', { ip: '10.0.0.1' }),
      migrationItem('app.us.corp', { ip: '10.0.0.2' }),
    ]);
    server.use(...fake.handlers);
    const result = await replicator().match([candidate('app')]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched[0].reason).toMatch(
      /app matches 2 migration items in vault migrate-vault by host name without DNS suffix \(app\.eu\.corp, app\.us\.corp\)/,
    );
  });
});

describe('SiteRecoveryServerReplicator.state', () => {
  it('reports health, bytes, lag and ETA from the items', async () => {
    const servers = await matched('shop-web-01', 'orders-db');
    const [web, db] = await replicator().state(servers);

    expect(web).toEqual({
      serverId: servers[0].serverId,
      health: 'healthy',
      lifecycle: 'ready_for_test',
      replicatedBytes: 256 * 1024 ** 3,
      totalBytes: 256 * 1024 ** 3,
      lagSeconds: 90,
      etaSeconds: undefined,
      message: undefined,
      testInstance: undefined,
      cutoverInstance: undefined,
    });
    expect(db).toMatchObject({
      health: 'replicating',
      lifecycle: 'not_ready',
      replicatedBytes: 64 * 1024 ** 3,
      etaSeconds: 5400,
      lagSeconds: undefined,
    });
    expect(fake.calls).toEqual(['GET list', 'GET list from 2']);
  });

  it("quotes the service's health errors", async () => {
    fake = createFakeSiteRecovery([
      migrationItem('shop-web-01', {
        ip: '10.1.1.11',
        health: 'Critical',
        healthErrors: [
          {
            errorCode: '1011',
            errorMessage:
              'Replication for the virtual machine is stuck because the appliance cannot reach the ESXi host.',
            recommendedAction:
              'Check the network between the appliance and the host.',
          },
        ],
      }),
    ]);
    server.use(...fake.handlers);
    const [state] = await replicator().state(await matched('shop-web-01'));
    expect(state.health).toBe('error');
    expect(state.message).toBe(
      '1011: Replication for the virtual machine is stuck because the appliance cannot reach the ESXi host. (Check the network between the appliance and the host.)',
    );
  });
});

describe('SiteRecoveryServerReplicator test migration', () => {
  it('starts a test migration, polls its Azure-AsyncOperation to Succeeded after a restart, and reports the test VM', async () => {
    const servers = await matched('shop-web-01');
    const job = await replicator().startTest(servers);

    expect(fake.calls).toEqual([
      'GET shop-web-01',
      'POST testMigrate shop-web-01',
      `GET operation ${fake.operationIds()[0]}`,
    ]);
    expect(fake.bodies['testMigrate shop-web-01']).toEqual({
      properties: {
        providerSpecificDetails: {
          instanceType: 'VMwareCbt',
          networkId: TEST_VNET,
          recoveryPointId:
            fake.item('shop-web-01')!.properties.providerSpecificDetails
              .lastRecoveryPointId,
        },
      },
    });
    expect(job).toMatchObject({
      kind: 'test',
      serverIds: [servers[0].serverId],
    });

    // A resumed task polls the same operation through a new client.
    fake.calls.length = 0;
    fake.behaviour.polls = 0;
    const status = await replicator().job(job);
    expect(status).toEqual({
      state: 'succeeded',
      message: undefined,
      instances: {
        [servers[0].serverId]: {
          id: servers[0].serverId,
          addresses: ['10.99.0.4'],
        },
      },
    });
    expect(fake.calls).toEqual([
      `GET operation ${fake.operationIds()[0]}`,
      'GET shop-web-01',
    ]);
    const [state] = await replicator().state(servers);
    expect(state.lifecycle).toBe('testing');
  });

  it('reports a running job while the operation is in progress', async () => {
    fake.behaviour.polls = 3;
    const servers = await matched('shop-web-01');
    const job = await replicator().startTest(servers);
    expect(await replicator().job(job)).toEqual({
      state: 'running',
      message: undefined,
      instances: {},
    });
  });

  it('follows a test migration already under way instead of starting another', async () => {
    fake.behaviour.polls = 5;
    const servers = await matched('shop-web-01');
    await replicator().startTest(servers);
    fake.calls.length = 0;

    const again = await replicator().startTest(servers);
    expect(fake.calls).toEqual(['GET shop-web-01']);
    expect((await replicator().job(again)).state).toBe('running');
  });

  it('cleans the test migration up, after which the server is ready for cutover', async () => {
    fake.behaviour.polls = 0;
    const servers = await matched('shop-web-01');
    await replicator().job(await replicator().startTest(servers));
    fake.calls.length = 0;

    const cleanup = await replicator().cleanupTest(servers);
    expect(fake.calls).toEqual([
      'GET shop-web-01',
      'POST testMigrateCleanup shop-web-01',
      `GET operation ${fake.operationIds()[1]}`,
    ]);
    expect((await replicator().job(cleanup)).state).toBe('succeeded');
    const [state] = await replicator().state(servers);
    expect(state.lifecycle).toBe('ready_for_cutover');

    fake.calls.length = 0;
    const again = await replicator().cleanupTest(servers);
    expect(fake.calls).toEqual(['GET shop-web-01']);
    expect((await replicator().job(again)).state).toBe('succeeded');
  });

  it('refuses a test migration before the first recovery point', async () => {
    fake.item('orders-db')!.properties.allowedOperations = ['TestMigrate'];
    const servers = await matched('orders-db');
    await expect(replicator().startTest(servers)).rejects.toThrow(
      /no recovery point of orders-db .* wait for the initial replication to finish/,
    );
    expect(fake.calls).toEqual(['GET orders-db']);
  });
});

describe('SiteRecoveryServerReplicator cutover', () => {
  it('migrates with the source shut down, reports the migrated VM, then completes the migration by removing the item', async () => {
    fake.behaviour.polls = 0;
    const servers = await matched('shop-web-02');
    const cutover = await replicator().startCutover(servers);
    expect(fake.bodies['migrate shop-web-02']).toEqual({
      properties: {
        providerSpecificDetails: {
          instanceType: 'VMwareCbt',
          performShutdown: 'true',
        },
      },
    });
    const status = await replicator().job(cutover);
    expect(status.instances[servers[0].serverId]).toEqual({
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/virtualMachines/shop-web-02`,
      addresses: ['10.20.1.14'],
    });
    fake.calls.length = 0;

    const finalize = await replicator().finalize(servers);
    expect(await replicator().job(finalize)).toMatchObject({
      state: 'succeeded',
    });
    expect(fake.calls).toEqual([
      'GET shop-web-02',
      'DELETE shop-web-02',
      `GET operation ${fake.operationIds()[1]}`,
    ]);
    const [state] = await replicator().state(servers);
    expect(state).toMatchObject({
      lifecycle: 'finalized',
      health: 'disconnected',
    });
    // Finalizing again is done at once.
    expect(
      (await replicator().job(await replicator().finalize(servers))).state,
    ).toBe('succeeded');
  });

  it("fails the job with the service's message when the migration fails half-way", async () => {
    fake.behaviour.polls = 2;
    fake.behaviour.fail = {
      code: 'MigrationFailed',
      message:
        "The target VM size 'Standard_D2s_v5' is not available in location 'westeurope'.",
    };
    const servers = await matched('shop-web-01');
    const job = await replicator().startCutover(servers);
    expect((await replicator().job(job)).state).toBe('running');
    const [web01] = servers;
    expect(await replicator().job(job)).toEqual({
      state: 'failed',
      message: `${web01.serverId
        .split('/')
        .pop()}: MigrationFailed: The target VM size 'Standard_D2s_v5' is not available in location 'westeurope'.`,
      instances: {},
    });
  });

  it('refuses to complete a migration that did not happen', async () => {
    const servers = await matched('shop-web-01');
    await expect(replicator().finalize(servers)).rejects.toThrow(
      /cannot complete the migration .* of shop-web-01 \(migration: Ready to migrate/,
    );
    expect(fake.calls).toEqual(['GET shop-web-01']);
  });

  it('has nothing to revert before a migration, and names the manual steps after one', async () => {
    fake.behaviour.polls = 0;
    const servers = await matched('shop-web-01');
    const nothing = await replicator().revert(servers);
    expect((await replicator().job(nothing)).state).toBe('succeeded');

    await replicator().job(await replicator().startCutover(servers));
    await expect(replicator().revert(servers)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /cannot revert the migration of shop-web-01: Site Recovery has no operation that undoes migrate\. .*power the source VMs on in vCenter/,
      ),
    });
  });
});

describe('SiteRecoveryServerReplicator launch settings', () => {
  it('sets size, subnet, test network and tags on the item, and says why NSGs are not set', async () => {
    const servers = await matched('shop-web-01');
    await replicator().configureLaunch(servers[0], {
      instanceType: 'Standard_D4s_v5',
      subnetId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/web`,
      securityGroupIds: [
        '/subscriptions/x/resourceGroups/rg-net/providers/Microsoft.Network/networkSecurityGroups/nsg-web',
      ],
      tags: { migration: 'm-42' },
    });
    expect(fake.calls).toEqual(['GET shop-web-01', 'PATCH shop-web-01']);
    expect(fake.bodies['update shop-web-01']).toEqual({
      properties: {
        providerSpecificDetails: {
          instanceType: 'VMwareCbt',
          targetVmSize: 'Standard_D4s_v5',
          targetNetworkId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
          testNetworkId: TEST_VNET,
          vmNics: [
            {
              nicId: '4000-shop-web-01-nic0',
              isPrimaryNic: 'true',
              targetSubnetName: 'web',
            },
          ],
          targetVmTags: { migration: 'm-42' },
        },
      },
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /cannot attach network security groups .* associate .*nsg-web with the target subnet/,
      ),
    );
  });

  it('names the setting Azure would not accept', async () => {
    const servers = await matched('shop-web-01');
    await expect(
      replicator().configureLaunch(servers[0], {
        instanceType: 'm5.large',
        tags: {},
      }),
    ).rejects.toThrow(/instanceType "m5.large" is not an Azure VM size/);
    expect(fake.calls).toEqual(['GET shop-web-01']);
  });
});

describe('SiteRecoveryServerReplicator faults', () => {
  it('retries a throttled (429) call after Retry-After', async () => {
    // ARM asks for 1 s; retry.maxDelayMs (1000) allows that wait, so the call is retried.
    fake.faults.throttle = 1;
    const result = await replicator().match([candidate('shop-web-01')]);
    expect(result.matched).toHaveLength(1);
    expect(fake.calls).toEqual(['GET list', 'GET list', 'GET list from 2']);
  });

  it('does not retry an expired token and says so without quoting it', async () => {
    fake.faults.expired = true;
    const error = await replicator()
      .match([candidate('shop-web-01')])
      .catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(
      /Azure Migrate \(Site Recovery\) could not list the migration items of vault migrate-vault: Azure rejected the credentials \(ExpiredAuthenticationToken: The access token expiry/,
    );
    expect(error.message).not.toContain('eyJ0eXAi');
    expect(fake.calls).toEqual(['GET list']);
  });

  it('names the role a forbidden operation needs', async () => {
    const servers = await matched('shop-web-01');
    fake.faults.forbidden = {
      action:
        'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationMigrationItems/read',
      scope: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}`,
    };
    await expect(replicator().startTest(servers)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /AuthorizationFailed: .* Assign it the Site Recovery Contributor role on Recovery Services vault migrate-vault/,
      ),
    });
    expect(fake.calls).toEqual(['GET shop-web-01']);
  });
});
