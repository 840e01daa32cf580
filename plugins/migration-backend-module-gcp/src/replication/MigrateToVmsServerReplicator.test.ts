import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type { ReplicationCandidate } from '@sirsi-nexus/plugin-migration-node';
import {
  LOCATION,
  PROJECT,
  replicatorSetup,
} from '../testUtils/replicatorSetup';
import {
  FAST_RETRY,
  googleErrors,
  testAuth,
} from '../testUtils/googleTestAuth';
import { MigrateToVmsServerReplicator } from './MigrateToVmsServerReplicator';

// The first Compute Engine call loads its large protobuf descriptors.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const SOURCE = `projects/${PROJECT}/locations/${LOCATION}/sources/vmware-dc1`;

const candidate = (
  name: string,
  extra: Partial<ReplicationCandidate> = {},
): ReplicationCandidate => ({
  entityRef: `resource:default/${name}`,
  name,
  externalId: `inv-${name}`,
  provider: 'inventory',
  hostnames: [],
  ipAddresses: ['10.1.1.1'],
  ...extra,
});

describe('MigrateToVmsServerReplicator.match', () => {
  it('matches by source VM id, display name, host name without DNS suffix and the inventory, page by page', async () => {
    const { m2vm, replicator } = replicatorSetup(server, { pageSize: 2 });
    const web = m2vm.addVm('web-01', {
      sourceVmId: 'vm-101',
      displayName: 'shop-web-01',
    });
    const db = m2vm.addVm('db-01', {
      sourceVmId: 'vm-102',
      displayName: 'orders-db',
    });
    const app = m2vm.addVm('app-01', {
      sourceVmId: 'vm-103',
      displayName: 'APP01',
    });
    const legacy = m2vm.addVm('legacy', {
      sourceVmId: 'vm-104',
      displayName: 'migration-4',
    });
    m2vm.inventory.push(
      { vmId: 'vm-104', displayName: 'billing-legacy', uuid: '4211-aa' },
      { vmId: 'vm-105', displayName: 'not-added' },
    );

    const result = await replicator.match([
      candidate('shop-web-01'),
      candidate('db', { externalId: 'vm-102' }),
      candidate('app01.corp.example.com', {
        hostnames: ['app01.corp.example.com.'],
      }),
      candidate('billing-legacy'),
      candidate('not-added'),
      candidate('unknown-host'),
    ]);

    expect(result.matched).toEqual([
      {
        entityRef: 'resource:default/shop-web-01',
        name: 'shop-web-01',
        serverId: web,
        serviceName: 'shop-web-01',
      },
      {
        entityRef: 'resource:default/db',
        name: 'db',
        serverId: db,
        serviceName: 'orders-db',
      },
      {
        entityRef: 'resource:default/app01.corp.example.com',
        name: 'app01.corp.example.com',
        serverId: app,
        serviceName: 'APP01',
      },
      {
        entityRef: 'resource:default/billing-legacy',
        name: 'billing-legacy',
        serverId: legacy,
        serviceName: 'migration-4',
      },
    ]);
    expect(result.unmatched).toEqual([
      {
        entityRef: 'resource:default/not-added',
        name: 'not-added',
        reason: `not-added is in the inventory of ${SOURCE} (VM id vm-105) but is not a migrating VM: add it in Migrate to Virtual Machines and start its replication`,
      },
      {
        entityRef: 'resource:default/unknown-host',
        name: 'unknown-host',
        reason: `unknown-host is not a migrating VM of ${SOURCE}: register its source in Migrate to Virtual Machines (vCenter with the Migrate Connector appliance, or the AWS/Azure source), add the VM as a migrating VM and start its replication`,
      },
    ]);
    expect(m2vm.calls).toEqual([
      `GET ${SOURCE}/migratingVms?pageSize=500&view=MIGRATING_VM_VIEW_BASIC`,
      `GET ${SOURCE}/migratingVms?pageSize=500&pageToken=2&view=MIGRATING_VM_VIEW_BASIC`,
      `GET ${SOURCE}:fetchInventory`,
    ]);
  });

  it('does not guess between two migrating VMs with the same name', async () => {
    const { m2vm, replicator } = replicatorSetup(server);
    m2vm.addVm('a', { sourceVmId: 'vm-1', displayName: 'web' });
    m2vm.addVm('b', { sourceVmId: 'vm-2', displayName: 'WEB' });
    const result = await replicator.match([candidate('web')]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched[0].reason).toMatch(
      /^web matches several migrating VMs of .* \(web, WEB\)/,
    );
  });
});

describe('MigrateToVmsServerReplicator.state', () => {
  const now = new Date('2025-03-01T12:00:00Z');

  it('maps the service state, the running cycle and the last sync', async () => {
    const { m2vm, replicator } = replicatorSetup(server, { now });
    const active = m2vm.addVm('web', {
      displayName: 'web',
      state: 'ACTIVE',
      lastSync: { lastSyncTime: '2025-03-01T11:55:00Z' },
      vmwareSourceVmDetails: { committedStorageBytes: '107374182400' },
      currentSyncInfo: {
        state: 'RUNNING',
        cycleNumber: 7,
        steps: [
          { initializingReplication: {} },
          {
            replicating: {
              totalBytes: '2000000000',
              replicatedBytes: '1500000000',
              lastTwoMinutesAverageBytesPerSecond: '1000000',
            },
          },
        ],
      },
    });
    const pending = m2vm.addVm('new', { displayName: 'new', state: 'PENDING' });
    const failed = m2vm.addVm('broken', {
      state: 'ERROR',
      error: { code: 9, message: 'The source VM was deleted from vCenter.' },
    });
    const cut = m2vm.addVm('db', {
      state: 'CUTOVER',
      lastSync: { lastSyncTime: '2025-03-01T11:59:00Z' },
      awsSourceVmDetails: { committedStorageBytes: '5000' },
      recentCutoverJobs: [],
    });
    m2vm.jobs.set(`${cut}/cutoverJobs/sirsi-cutover-1`, {
      name: `${cut}/cutoverJobs/sirsi-cutover-1`,
      collection: 'cutoverJobs',
      state: 'SUCCEEDED',
      computeEngineTargetDetails: {
        project: 'shop-prod-4711',
        zone: 'europe-west1-b',
        vmName: 'db',
        networkInterfaces: [{ internalIp: '10.20.0.3' }],
      },
    });
    const servers = [
      active,
      pending,
      failed,
      cut,
      `${SOURCE}/migratingVms/gone`,
    ].map(serverId => ({
      entityRef: `resource:default/${serverId}`,
      name: serverId.split('/').pop()!,
      serverId,
    }));

    const states = await replicator.state(servers);

    expect(states).toEqual([
      {
        serverId: active,
        health: 'healthy',
        lifecycle: 'ready_for_test',
        replicatedBytes: 1500000000,
        totalBytes: 2000000000,
        backlogBytes: 500000000,
        lagSeconds: 300,
        etaSeconds: 500,
        cutoverInstance: undefined,
      },
      {
        serverId: pending,
        health: 'initiating',
        lifecycle: 'not_ready',
        message:
          'replication of new has not started (state PENDING): start its migration in Migrate to Virtual Machines',
        replicatedBytes: 0,
        totalBytes: 0,
        backlogBytes: undefined,
        lagSeconds: undefined,
        etaSeconds: undefined,
        cutoverInstance: undefined,
      },
      expect.objectContaining({
        serverId: failed,
        health: 'error',
        message: 'The source VM was deleted from vCenter.',
      }),
      expect.objectContaining({
        serverId: cut,
        health: 'healthy',
        lifecycle: 'cutover',
        replicatedBytes: 5000,
        totalBytes: 5000,
        lagSeconds: 60,
        cutoverInstance: {
          id: 'projects/shop-prod-4711/zones/europe-west1-b/instances/db',
          addresses: ['10.20.0.3'],
        },
      }),
      expect.objectContaining({
        serverId: `${SOURCE}/migratingVms/gone`,
        health: 'error',
        message: `gone is no longer a migrating VM of ${SOURCE}`,
      }),
    ]);
    expect(m2vm.calls).toEqual([
      `GET ${SOURCE}/migratingVms?pageSize=500&view=MIGRATING_VM_VIEW_FULL`,
    ]);
  });

  it('is lagging when the last sync is older than maxLagSeconds', async () => {
    const { m2vm } = replicatorSetup(server, { now });
    const vm = m2vm.addVm('web', {
      lastSync: { lastSyncTime: '2025-03-01T11:00:00Z' },
    });
    const replicator = new MigrateToVmsServerReplicator({
      auth: testAuth(),
      project: PROJECT,
      location: LOCATION,
      source: 'vmware-dc1',
      retry: FAST_RETRY,
      now: () => now,
      maxLagSeconds: 900,
    });
    const [state] = await replicator.state([
      { entityRef: 'r', name: 'web', serverId: vm },
    ]);
    expect(state).toMatchObject({ health: 'lagging', lagSeconds: 3600 });
  });

  it('refuses a server id of another source', async () => {
    const { replicator } = replicatorSetup(server);
    await expect(
      replicator.state([
        {
          entityRef: 'r',
          name: 'x',
          serverId: 'projects/p/locations/l/sources/other/migratingVms/x',
        },
      ]),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^serverId 'projects\/p\/locations\/l\/sources\/other\/migratingVms\/x' of x is not a migrating VM of/,
      ),
    });
  });
});

describe('MigrateToVmsServerReplicator.configureLaunch', () => {
  it('patches the target defaults with an update mask, the network looked up from the subnetwork', async () => {
    const { m2vm, compute, replicator } = replicatorSetup(server);
    const vm = m2vm.addVm('web', {});
    compute.subnetworks.set(
      'projects/net-host-1/regions/europe-west1/subnetworks/app',
      'projects/net-host-1/global/networks/shared-vpc',
    );

    await replicator.configureLaunch(
      { entityRef: 'r', name: 'web', serverId: vm },
      {
        instanceType: 'n2-standard-4',
        subnetId:
          'https://www.googleapis.com/compute/v1/projects/net-host-1/regions/europe-west1/subnetworks/app',
        securityGroupIds: ['allow-https', 'allow-iap'],
        tags: { Owner: 'Team Shop', 'cost-center': 'CC 42' },
      },
    );

    expect(m2vm.vms.get(vm)!.computeEngineTargetDefaults).toEqual({
      vmName: 'web',
      zone: 'europe-west1-b',
      machineType: 'n2-standard-4',
      machineTypeSeries: 'n2',
      networkInterfaces: [
        {
          network: 'projects/net-host-1/global/networks/shared-vpc',
          subnetwork:
            'projects/net-host-1/regions/europe-west1/subnetworks/app',
        },
      ],
      networkTags: ['allow-https', 'allow-iap'],
      labels: { owner: 'team_shop', 'cost-center': 'cc_42' },
    });
    expect(compute.calls).toEqual([
      'GET projects/net-host-1/regions/europe-west1/subnetworks/app',
    ]);
    expect(m2vm.calls).toEqual([
      `PATCH ${vm}?updateMask=${encodeURIComponent(
        'compute_engine_target_defaults.machine_type,compute_engine_target_defaults.machine_type_series,compute_engine_target_defaults.network_interfaces,compute_engine_target_defaults.network_tags,compute_engine_target_defaults.labels',
      )}`,
      `GET projects/${PROJECT}/locations/${LOCATION}/operations/operation-1`,
    ]);
    expect(m2vm.requestIds[0]).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('names the field of a bad setting', async () => {
    const { m2vm, replicator } = replicatorSetup(server);
    const vm = m2vm.addVm('web', {});
    const server1 = { entityRef: 'r', name: 'web', serverId: vm };
    await expect(
      replicator.configureLaunch(server1, {
        instanceType: 'Standard_D4s_v5',
        tags: {},
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^instanceType 'Standard_D4s_v5'/),
    });
    await expect(
      replicator.configureLaunch(server1, {
        subnetId: 'subnet-0abc',
        tags: {},
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(
        /^subnetId 'subnet-0abc' must be a subnetwork path/,
      ),
    });
    expect(m2vm.calls).toEqual([]);
  });
});

describe('MigrateToVmsServerReplicator faults', () => {
  it('retries rate limits (429 RESOURCE_EXHAUSTED, 403 rateLimitExceeded) with backoff', async () => {
    const { m2vm, replicator } = replicatorSetup(server);
    m2vm.addVm('web', { displayName: 'web' });
    m2vm.faults.push(
      {
        method: 'GET',
        path: /migratingVms$/,
        status: 429,
        body: googleErrors.quota429('vmmigration.googleapis.com'),
        times: 1,
      },
      {
        method: 'GET',
        path: /migratingVms$/,
        status: 403,
        body: googleErrors.rateLimit403(),
        times: 1,
      },
    );
    const result = await replicator.match([candidate('web')]);
    expect(result.matched).toHaveLength(1);
    expect(m2vm.calls).toHaveLength(3);
  });

  it('does not retry rejected credentials and says so without the token', async () => {
    const { m2vm, replicator } = replicatorSetup(server);
    m2vm.faults.push({
      method: 'GET',
      path: /migratingVms$/,
      status: 401,
      body: googleErrors.unauthenticated401(),
      times: 5,
    });
    const error = await replicator.match([candidate('web')]).catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toBe(
      `Migrate to Virtual Machines: list migrating VMs of ${SOURCE}: Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project. (HTTP 401). Google Cloud rejected the credentials: create a new service account key or refresh Application Default Credentials.`,
    );
    expect(error.message).not.toContain('ya29');
    expect(m2vm.calls).toHaveLength(1);
  });

  it('does not retry a denied permission', async () => {
    const { m2vm, replicator } = replicatorSetup(server);
    m2vm.faults.push({
      method: 'GET',
      path: /migratingVms$/,
      status: 403,
      body: googleErrors.permissionDenied403(
        'vmmigration.migratingVms.list',
        `//vmmigration.googleapis.com/${SOURCE}`,
      ),
      times: 5,
    });
    const error = await replicator.match([candidate('web')]).catch(e => e);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toMatch(
      /Permission 'vmmigration.migratingVms.list' denied/,
    );
    expect(m2vm.calls).toHaveLength(1);
  });
});
