import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { cloudDiscoveryProvidersExtensionPoint } from '@sirsi-nexus/plugin-migration-node';
import { fakeCloudProviderFactory } from '@sirsi-nexus/plugin-migration-node/testUtils';
import { catalogModuleCloudDiscovery } from './catalogModuleCloudDiscovery';

// A real catalog backend processes and stitches the entities; that takes a few seconds.
jest.setTimeout(120_000);

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('a provider added through cloudDiscoveryProvidersExtensionPoint', () => {
  /** A catalog module adding a small in-memory provider named `fake`. */
  const fakeProviderModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-provider',
    register(reg) {
      reg.registerInit({
        deps: { providers: cloudDiscoveryProvidersExtensionPoint },
        async init({ providers }) {
          providers.addProviderFactory('fake', fakeCloudProviderFactory());
        },
      });
    },
  });

  it('puts its resources into the catalog as Resource entities', async () => {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleCloudDiscovery,
        fakeProviderModule,
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              rules: [{ allow: ['Resource', 'Location'] }],
              processingInterval: { seconds: 1 },
              providers: {
                cloudDiscovery: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                  },
                },
              },
            },
            migration: {
              environments: [
                {
                  id: 'lab',
                  provider: 'fake',
                  owner: 'group:default/lab-team',
                  fake: { region: 'lab-1' },
                },
              ],
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${
      (server.address() as { port: number }).port
    }/api/catalog`;
    const headers = { Authorization: mockCredentials.user.header() };

    const resources = await eventually(async () => {
      const response = await fetch(
        `${base}/entities/by-query?filter=kind=resource,metadata.annotations.sirsi-nexus.io/environment=lab`,
        { headers },
      );
      const items = (await response.json()).items as Entity[];
      return items.length === 2 && items.every(e => e.relations?.length)
        ? items
        : undefined;
    }, 'the two stitched fake resources');

    const app = resources.find(e => e.metadata.name === 'lab-app-01');
    expect(app).toBeDefined();
    expect(app!.spec).toMatchObject({
      type: 'virtual-machine',
      owner: 'group:default/lab-team',
    });
    expect(app!.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'cloud-discovery:lab',
      'sirsi-nexus.io/provider': 'fake',
      'sirsi-nexus.io/external-id': 'app-01',
      'sirsi-nexus.io/region': 'lab-1',
    });
    expect(app!.relations!.map(r => `${r.type} ${r.targetRef}`)).toEqual(
      expect.arrayContaining([
        'dependsOn resource:default/lab-db-01',
        'ownedBy group:default/lab-team',
      ]),
    );
  });

  it('fails start-up when a module adds a provider name twice', async () => {
    const again = createBackendModule({
      pluginId: 'catalog',
      moduleId: 'test-provider-again',
      register(reg) {
        reg.registerInit({
          deps: { providers: cloudDiscoveryProvidersExtensionPoint },
          async init({ providers }) {
            providers.addProviderFactory('fake', () => {
              throw new Error('never built');
            });
          },
        });
      },
    });
    await expect(
      startTestBackend({
        features: [
          catalogPlugin,
          catalogModuleCloudDiscovery,
          fakeProviderModule,
          again,
          mockServices.rootConfig.factory({ data: {} }),
        ],
      }),
    ).rejects.toThrow(
      /InputError: catalog\.cloud-discovery\.providers: provider "fake" is added twice/,
    );
  });
});
