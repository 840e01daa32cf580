import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type {
  EntityProviderConnection,
  EntityProviderMutation,
} from '@backstage/plugin-catalog-node';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudProvider,
  CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import { CloudDiscoveryEntityProvider } from './CloudDiscoveryEntityProvider';
import { inventoryProviderFactory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';

const EXAMPLES = path.resolve(__dirname, '../../../../examples/inventory');

/** Runs scheduled tasks immediately, once. */
const immediately = {
  run: async ({
    fn,
  }: {
    fn: (signal: AbortSignal) => Promise<void> | void;
  }) => {
    await fn(new AbortController().signal);
  },
};

function connection() {
  const mutations: EntityProviderMutation[] = [];
  const conn: EntityProviderConnection = {
    applyMutation: async m => {
      mutations.push(m);
    },
    refresh: async () => {},
  };
  return { conn, mutations };
}

/** A logger whose children log into the same jest mocks. */
function recordingLogger() {
  const logger = mockServices.logger.mock();
  logger.child.mockReturnValue(logger);
  return logger;
}

const config = (environments: object[], cloudDiscovery: object = {}) =>
  new ConfigReader({
    migration: { environments },
    catalog: { providers: { cloudDiscovery } },
  });

describe('CloudDiscoveryEntityProvider', () => {
  it('puts the example estate into the catalog as one full mutation of valid entities', async () => {
    const logger = recordingLogger();
    const [provider, ...rest] = CloudDiscoveryEntityProvider.fromConfig(
      config([
        {
          id: 'dc1',
          provider: 'inventory',
          owner: 'group:default/platform-engineering',
          inventory: { files: [`${EXAMPLES}/dc1/dc1.inventory.yaml`] },
        },
      ]),
      {
        factories: { inventory: inventoryProviderFactory },
        logger,
        schedule: immediately,
      },
    );
    expect(rest).toEqual([]);
    expect(provider.getProviderName()).toBe('cloud-discovery:dc1');

    const { conn, mutations } = connection();
    await provider.connect(conn);

    // The entities as a delta, dependents first, then the full mutation that removes what is gone.
    expect(mutations.map(m => m.type)).toEqual(['delta', 'full']);
    const [delta, mutation] = mutations;
    if (delta.type !== 'delta' || mutation.type !== 'full') {
      throw new Error('expected a delta, then a full mutation');
    }
    expect(delta.added).toEqual(mutation.entities);
    const order = delta.added.map(e => e.entity.metadata.name);
    expect(order.indexOf('dc1-pay-app-01')).toBeLessThan(
      order.indexOf('dc1-sql-clu-01'),
    );
    expect(order.indexOf('dc1-sql-clu-01')).toBeLessThan(
      order.indexOf('dc1-dc1-ad-01'),
    );
    expect(mutation.entities).toHaveLength(61);
    expect(new Set(mutation.entities.map(e => e.locationKey))).toEqual(
      new Set(['cloud-discovery:dc1']),
    );
    const sql = mutation.entities.find(
      e => e.entity.metadata.name === 'dc1-sql-clu-01',
    )!.entity;
    expect(sql.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'cloud-discovery:dc1',
      'backstage.io/managed-by-origin-location': 'cloud-discovery:dc1',
      'sirsi-nexus.io/environment': 'dc1',
      'sirsi-nexus.io/region': 'fra-dc1',
    });
    expect(sql.spec).toMatchObject({
      type: 'virtual-machine',
      owner: 'group:default/platform-engineering',
      system: 'system:default/shared-infrastructure',
      dependsOn: ['resource:default/dc1-dc1-ad-01'],
    });
    const payApp = mutation.entities.find(
      e => e.entity.metadata.name === 'dc1-pay-app-01',
    )!.entity;
    expect(payApp.spec!.owner).toBe('group:default/team-payments');
    expect((payApp.spec!.dependsOn as string[]).sort()).toEqual([
      'resource:default/dc1-dc1-ad-01',
      'resource:default/dc1-pay-hsm-proxy-01',
      'resource:default/dc1-sql-clu-01',
    ]);
    // The template row and the dependency outside the inventory are reported, not hidden.
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('tpl-win2019-base'),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('mainframe-gw'),
    );
  });

  it('keeps the last good entities when discovery fails', async () => {
    const logger = recordingLogger();
    const [provider] = CloudDiscoveryEntityProvider.fromConfig(
      config([
        {
          id: 'dc9',
          provider: 'inventory',
          inventory: { files: [`${EXAMPLES}/missing.csv`] },
        },
      ]),
      {
        factories: { inventory: inventoryProviderFactory },
        logger,
        schedule: immediately,
      },
    );
    const { conn, mutations } = connection();
    await provider.connect(conn);
    expect(mutations).toEqual([]);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringMatching(
        /Discovery of environment dc9 failed; the catalog keeps the entities of the last successful run\. NotFoundError: Inventory file .*missing\.csv cannot be read/,
      ),
    );
  });

  it('yields to the event loop while it maps a large environment', async () => {
    const resources = 5000;
    const provider: CloudProvider = {
      id: 'inventory',
      environmentId: 'big',
      validate: async () => [],
      // Only microtasks: without the provider's own yields nothing else could run meanwhile.
      async *discover() {
        for (let i = 0; i < resources; i++) {
          yield {
            provider: 'inventory',
            environmentId: 'big',
            externalId: `vm-${i}`,
            kind: 'vm',
            name: `vm-${i}`,
            specs: { vcpus: 2, memoryMiB: 4096 },
            tags: {},
            dependsOn: i > 0 ? [`vm-${i - 1}`] : [],
          } satisfies DiscoveredResource;
        }
      },
    };
    const lookup: CloudProviderLookup = {
      get: () => provider,
      list: () => [provider],
    };
    let turns = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      turns++;
      setImmediate(tick);
    };
    const [entityProvider] = CloudDiscoveryEntityProvider.fromConfig(
      config([]),
      {
        factories: { inventory: inventoryProviderFactory },
        logger: mockServices.logger.mock(),
        schedule: immediately,
        providers: lookup,
      },
    );
    const { conn, mutations } = connection();
    const turnsAtMutation: number[] = [];
    conn.applyMutation = async m => {
      turnsAtMutation.push(turns);
      mutations.push(m);
    };
    setImmediate(tick);
    await entityProvider.connect(conn);
    running = false;
    // Twenty deltas of 250, then the full mutation.
    expect(mutations).toHaveLength(21);
    const last = mutations[20];
    expect(last.type === 'full' && last.entities).toHaveLength(resources);
    // Mapping and validating 5000 entities takes well over 20 ms; the provider gives the event
    // loop a turn every 10 ms of work.
    expect(turnsAtMutation[0]).toBeGreaterThanOrEqual(2);
  });

  it('names an unknown environment in catalog.providers.cloudDiscovery.environments', () => {
    expect(() =>
      CloudDiscoveryEntityProvider.fromConfig(
        config(
          [
            {
              id: 'dc1',
              provider: 'inventory',
              inventory: { files: ['x.csv'] },
            },
          ],
          { environments: ['dc2'] },
        ),
        {
          factories: { inventory: inventoryProviderFactory },
          logger: mockServices.logger.mock(),
          schedule: immediately,
        },
      ),
    ).toThrow(
      'catalog.providers.cloudDiscovery.environments names "dc2", which is not in migration.environments',
    );
  });
});
