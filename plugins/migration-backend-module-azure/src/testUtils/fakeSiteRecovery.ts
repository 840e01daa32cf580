import { randomUUID } from 'node:crypto';
import {
  ARM,
  faultResponse,
  http,
  HttpResponse,
  SUBSCRIPTION,
  type ArmFaults,
} from './arm';

export const RG = 'rg-migrate';
export const VAULT = 'migrate-vault';
const FABRIC = 'migrate-vmwarefabric-a3c9';
const CONTAINER = 'migrate-vmwarecontainer-a3c9';
const API = '2023-06-01';
const VAULT_PATH = `/Subscriptions/${SUBSCRIPTION}/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}`;
const TARGET_RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-shop-prod`;
const GiB = 1024 ** 3;

type Json = Record<string, any>;

/** A VMware VM's migration item as Site Recovery lists it (`VMwareCbt` details). */
export function migrationItem(
  name: string,
  options: {
    ip: string;
    state?: string;
    seeding?: number;
    lastRecoveryPointReceived?: string;
    health?: string;
    healthErrors?: Json[];
    testNetworkId?: string;
  },
) {
  const state = options.state ?? 'Replicating';
  const itemName = `${name}-500c1f9e-6a3d-4ab1-9d1c-0e9b8c7a${name.length}f01`;
  return {
    id: `${VAULT_PATH}/replicationFabrics/${FABRIC}/replicationProtectionContainers/${CONTAINER}/replicationMigrationItems/${itemName}`,
    name: itemName,
    type: 'Microsoft.RecoveryServices/vaults/replicationFabrics/replicationProtectionContainers/replicationMigrationItems',
    properties: {
      machineName: name,
      policyFriendlyName: 'migrate-vmware-policy',
      migrationState: state,
      migrationStateDescription:
        state === 'Replicating' ? 'Ready to migrate' : 'Initial replication',
      testMigrateState: 'None',
      testMigrateStateDescription: 'None',
      health: options.health ?? 'Normal',
      healthErrors: options.healthErrors ?? [],
      allowedOperations:
        state === 'Replicating'
          ? ['TestMigrate', 'Migrate', 'DisableMigration']
          : ['DisableMigration'],
      currentJob: {
        jobName: 'None',
        jobId: `${VAULT_PATH}/replicationJobs/None`,
      },
      providerSpecificDetails: {
        instanceType: 'VMwareCbt',
        vmwareMachineId: `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-migrate/providers/Microsoft.OffAzure/VMwareSites/dc1-site/machines/dc1-${name}`,
        osType: 'Linux',
        targetVmName: name,
        targetVmSize: 'Standard_D2s_v5',
        targetLocation: 'westeurope',
        targetResourceGroupId: TARGET_RG,
        targetNetworkId: `${TARGET_RG}/providers/Microsoft.Network/virtualNetworks/vnet-prod`,
        testNetworkId: options.testNetworkId,
        protectedDisks: [
          {
            diskId: '6000C29a-os',
            diskName: `${name}_os.vmdk`,
            isOSDisk: 'true',
            capacityInBytes: 64 * GiB,
            diskType: 'Premium_LRS',
          },
          {
            diskId: '6000C29a-data',
            diskName: `${name}_data.vmdk`,
            isOSDisk: 'false',
            capacityInBytes: 192 * GiB,
            diskType: 'Premium_LRS',
          },
        ],
        vmNics: [
          {
            nicId: `4000-${name}-nic0`,
            isPrimaryNic: 'true',
            sourceIPAddress: options.ip,
            sourceIPAddressType: 'Static',
            targetSubnetName: 'default',
            isSelectedForMigration: 'true',
          } as Record<string, string | undefined>,
        ],
        lastRecoveryPointReceived: options.lastRecoveryPointReceived,
        lastRecoveryPointId: options.lastRecoveryPointReceived
          ? `${VAULT_PATH}/replicationFabrics/${FABRIC}/replicationProtectionContainers/${CONTAINER}/replicationMigrationItems/${itemName}/migrationRecoveryPoints/9e737191-317e-43d0-8c83-e32ac3b34686`
          : undefined,
        initialSeedingProgressPercentage: options.seeding,
        resyncRequired: 'false',
        gatewayOperationDetails:
          state === 'InitialSeedingInProgress'
            ? {
                state: 'InitialReplication',
                progressPercentage: options.seeding,
                timeElapsed: 1_800_000,
                timeRemaining: 5_400_000,
                uploadSpeed: 52_428_800,
              }
            : undefined,
      },
    },
  };
}

type Item = ReturnType<typeof migrationItem>;

interface Operation {
  polls: number;
  fail?: { code: string; message: string };
  onSuccess(): void;
  onFailure(): void;
}

/** A Recovery Services vault's Site Recovery migration items behind msw, with ARM's async operations. */
export function createFakeSiteRecovery(items: Item[]) {
  const store = new Map(items.map(i => [i.name, structuredClone(i)]));
  const operations = new Map<string, Operation & { status: string }>();
  const calls: string[] = [];
  const bodies: Record<string, Json> = {};
  const faults: ArmFaults = { throttle: 0, expired: false };
  const behaviour = { polls: 1, fail: undefined as Operation['fail'] };

  const itemPath = `${ARM}/:subscriptions/:sub/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}/replicationFabrics/${FABRIC}/replicationProtectionContainers/${CONTAINER}/replicationMigrationItems/:item`;

  const record = (call: string, method: string) => {
    calls.push(call);
    return faultResponse(faults, method);
  };

  const startOperation = (op: Omit<Operation, 'polls' | 'fail'>) => {
    const id = randomUUID();
    operations.set(id, {
      ...op,
      polls: behaviour.polls,
      fail: behaviour.fail,
      status: 'InProgress',
    });
    return new HttpResponse(null, {
      status: 202,
      headers: {
        'Azure-AsyncOperation': `${ARM}${VAULT_PATH}/replicationOperationStatus/${id}?api-version=${API}`,
        'Retry-After': '30',
      },
    });
  };

  const set = (item: Item, properties: Json) =>
    Object.assign(item.properties, properties);

  const actions: Record<string, (item: Item, body: Json) => Response> = {
    testMigrate: (item, body) => {
      const details = body.properties.providerSpecificDetails;
      set(item, {
        testMigrateState: 'TestMigrationInProgress',
        testMigrateStateDescription: 'Test migration in progress',
        allowedOperations: [],
      });
      return startOperation({
        onSuccess: () => {
          set(item, {
            testMigrateState: 'TestMigrationSucceeded',
            testMigrateStateDescription: 'Test migration succeeded',
            allowedOperations: ['TestMigrateCleanup', 'DisableMigration'],
            lastTestMigrationTime: '2026-05-04T10:20:00Z',
          });
          item.properties.providerSpecificDetails.testNetworkId =
            details.networkId;
          item.properties.providerSpecificDetails.vmNics[0].testIPAddress =
            '10.99.0.4';
        },
        onFailure: () =>
          set(item, {
            testMigrateState: 'TestMigrationFailed',
            testMigrateStateDescription: 'Test migration failed',
            allowedOperations: ['TestMigrateCleanup', 'DisableMigration'],
          }),
      });
    },
    testMigrateCleanup: item => {
      set(item, {
        testMigrateState: 'TestMigrationCleanupInProgress',
        testMigrateStateDescription: 'Clean-up in progress',
        allowedOperations: [],
      });
      return startOperation({
        onSuccess: () =>
          set(item, {
            testMigrateState: 'None',
            testMigrateStateDescription: 'None',
            lastTestMigrationStatus: 'Succeeded',
            allowedOperations: ['TestMigrate', 'Migrate', 'DisableMigration'],
          }),
        onFailure: () =>
          set(item, { testMigrateState: 'TestMigrationSucceeded' }),
      });
    },
    migrate: item => {
      set(item, {
        migrationState: 'MigrationInProgress',
        migrationStateDescription: 'Migration in progress',
        allowedOperations: [],
      });
      return startOperation({
        onSuccess: () => {
          set(item, {
            migrationState: 'MigrationSucceeded',
            migrationStateDescription: 'Migration succeeded',
            allowedOperations: ['DisableMigration'],
            lastMigrationTime: '2026-05-04T22:05:00Z',
          });
          item.properties.providerSpecificDetails.vmNics[0].targetIPAddress =
            '10.20.1.14';
        },
        onFailure: () =>
          set(item, {
            migrationState: 'MigrationFailed',
            migrationStateDescription: 'Migration failed',
            allowedOperations: ['Migrate', 'DisableMigration'],
          }),
      });
    },
  };

  const handlers = [
    http.get(
      `${ARM}/:subscriptions/:sub/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}/replicationMigrationItems`,
      ({ request }) => {
        const skip = Number(
          new URL(request.url).searchParams.get('skipToken') ?? 0,
        );
        const fault = record(`GET list${skip ? ` from ${skip}` : ''}`, 'GET');
        if (fault) return fault;
        const all = [...store.values()];
        const page = all.slice(skip, skip + 2);
        return HttpResponse.json({
          value: page,
          nextLink:
            skip + 2 < all.length
              ? `${ARM}${VAULT_PATH}/replicationMigrationItems?api-version=${API}&skipToken=${
                  skip + 2
                }`
              : undefined,
        });
      },
    ),
    http.get(itemPath, ({ params }) => {
      const item = store.get(String(params.item));
      const fault = record(
        `GET ${item?.properties.machineName ?? params.item}`,
        'GET',
      );
      if (fault) return fault;
      if (!item) {
        return HttpResponse.json(
          {
            error: {
              code: 'NotFound',
              message: `Migration item ${params.item} not found.`,
            },
          },
          { status: 404 },
        );
      }
      return HttpResponse.json(item);
    }),
    http.post(`${itemPath}/:action`, async ({ params, request }) => {
      const item = store.get(String(params.item))!;
      const action = String(params.action);
      const fault = record(
        `POST ${action} ${item.properties.machineName}`,
        'POST',
      );
      if (fault) return fault;
      bodies[`${action} ${item.properties.machineName}`] =
        (await request.json()) as Json;
      return actions[action](
        item,
        bodies[`${action} ${item.properties.machineName}`],
      );
    }),
    http.patch(itemPath, async ({ params, request }) => {
      const item = store.get(String(params.item))!;
      const fault = record(`PATCH ${item.properties.machineName}`, 'PATCH');
      if (fault) return fault;
      const body = (await request.json()) as Json;
      bodies[`update ${item.properties.machineName}`] = body;
      const { instanceType, vmNics, ...settings } =
        body.properties.providerSpecificDetails;
      Object.assign(item.properties.providerSpecificDetails, settings);
      return HttpResponse.json(item);
    }),
    http.delete(itemPath, ({ params }) => {
      const item = store.get(String(params.item))!;
      const fault = record(`DELETE ${item.properties.machineName}`, 'DELETE');
      if (fault) return fault;
      set(item, {
        migrationState: 'DisableMigrationInProgress',
        allowedOperations: [],
      });
      return startOperation({
        onSuccess: () => store.delete(item.name),
        onFailure: () =>
          set(item, { migrationState: 'DisableMigrationFailed' }),
      });
    }),
    http.get(
      `${ARM}/:subscriptions/:sub/resourceGroups/${RG}/providers/Microsoft.RecoveryServices/vaults/${VAULT}/replicationOperationStatus/:id`,
      ({ params }) => {
        const id = String(params.id);
        const fault = record(`GET operation ${id.slice(0, 8)}`, 'GET');
        if (fault) return fault;
        const op = operations.get(id)!;
        if (op.status === 'InProgress' && op.polls-- <= 0) {
          op.status = op.fail ? 'Failed' : 'Succeeded';
          (op.fail ? op.onFailure : op.onSuccess)();
        }
        return HttpResponse.json({
          id: `${VAULT_PATH}/replicationOperationStatus/${id}`,
          name: id,
          status: op.status,
          startTime: '2026-05-04T10:00:00Z',
          ...(op.status === 'InProgress'
            ? {}
            : { endTime: '2026-05-04T10:12:00Z' }),
          ...(op.status === 'Failed' ? { error: op.fail } : {}),
        });
      },
    ),
  ];

  return {
    handlers,
    calls,
    bodies,
    faults,
    /** How the next operations go: InProgress answers before the end, and an error to fail with. */
    behaviour,
    item: (machine: string) =>
      [...store.values()].find(i => i.properties.machineName === machine),
    operationIds: () => [...operations.keys()].map(id => id.slice(0, 8)),
  };
}

export type FakeSiteRecovery = ReturnType<typeof createFakeSiteRecovery>;
