import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import { TASK_TYPES } from '@sirsi-nexus/plugin-migration-common';
import {
  migrationCloudProvidersExtensionPoint,
  migrationExecutorsExtensionPoint,
} from '@sirsi-nexus/plugin-migration-node';
import { fakeCloudProviderFactory } from '@sirsi-nexus/plugin-migration-node/testUtils';
import path from 'node:path';
import request from 'supertest';
import { waitFor } from './__testUtils__/engineHarness';
import { migrationPlugin } from './plugin';
import { migrationModuleInventory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';

jest.setTimeout(30_000);

describe('migrationPlugin', () => {
  it('answers /health for an authenticated caller', async () => {
    const { server } = await startTestBackend({ features: [migrationPlugin] });

    const res = await request(server)
      .get('/api/migration/health')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('rejects /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        migrationPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const res = await request(server).get('/api/migration/health');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });

  it('lets a module replace a built-in executor through the extension point', async () => {
    const replacement = createBackendModule({
      pluginId: 'migration',
      moduleId: 'test-environment',
      register(reg) {
        reg.registerInit({
          deps: { executors: migrationExecutorsExtensionPoint },
          async init({ executors }) {
            executors.addExecutor({
              phase: 'environment',
              taskType: TASK_TYPES.environmentValidateProviders,
              plan: () => [{ key: 'custom-check', title: 'Custom check' }],
              async run(ctx) {
                await ctx.artifacts.put('custom-check.json', { ok: true });
                return { replaced: true };
              },
            });
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        migrationPlugin,
        migrationModuleInventory,
        replacement,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: { name: 'web-01' },
              spec: { type: 'virtual-machine', owner: 'group:default/a' },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            migration: {
              environments: [
                {
                  id: 'dc1',
                  provider: 'inventory',
                  inventory: {
                    files: [
                      path.resolve(
                        __dirname,
                        '../../../examples/inventory/dc1/rvtools-vinfo.csv',
                      ),
                    ],
                  },
                },
              ],
              engine: { pollIntervalMs: 50 },
            },
          },
        }),
      ],
    });
    const auth = mockCredentials.user.header('user:default/alice');
    const created = await request(server)
      .post('/api/migration/migrations')
      .set('Authorization', auth)
      .send({
        title: 'Replaced',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'azure', region: 'westeurope' },
        entityRefs: ['resource:default/web-01'],
      });
    expect(created.status).toBe(201);
    const status = await waitFor(async () => {
      const res = await request(server)
        .get(`/api/migration/migrations/${created.body.id}/status`)
        .set('Authorization', auth);
      // The environment phase ran the replacement; the plan phase's snapshot followed it.
      return res.body.phases[0].status === 'succeeded' &&
        res.body.artifacts.some((a: any) => a.name === 'plan-entities.json')
        ? res.body
        : undefined;
    });
    expect(status.phases[0].tasks.map((t: any) => t.key)).toEqual([
      'custom-check',
    ]);
    const names = status.artifacts.map((a: any) => a.name);
    expect(names).toContain('custom-check.json');
    expect(names).not.toContain('environment-dc1.json');
    expect(names).toContain('plan-entities.json');
  });

  describe('cloud providers added by a module', () => {
    /** A small in-memory provider named `fake`: two VMs, one depending on the other. */
    const fakeProviderModule = createBackendModule({
      pluginId: 'migration',
      moduleId: 'test-provider',
      register(reg) {
        reg.registerInit({
          deps: { providers: migrationCloudProvidersExtensionPoint },
          async init({ providers }) {
            providers.addProviderFactory(
              'fake',
              fakeCloudProviderFactory({
                checks: [
                  {
                    id: 'fake-reachable',
                    title: 'Fake reachable',
                    status: 'pass',
                    message: 'ok',
                  },
                ],
              }),
            );
          },
        });
      },
    });

    const config = (environments: JsonObject[]) =>
      mockServices.rootConfig.factory({
        data: { migration: { environments } },
      });

    it('serves environments of the added provider', async () => {
      const { server } = await startTestBackend({
        features: [
          migrationPlugin,
          fakeProviderModule,
          config([
            {
              id: 'lab',
              provider: 'fake',
              title: 'Lab',
              owner: 'group:default/lab-team',
              fake: { region: 'lab-1' },
            },
          ]),
        ],
      });
      const auth = mockCredentials.user.header('user:default/alice');

      const providers = await request(server)
        .get('/api/migration/providers')
        .set('Authorization', auth);
      expect(providers.status).toBe(200);
      expect(providers.body.items).toEqual([
        {
          id: 'lab',
          provider: 'fake',
          title: 'Lab',
          owner: 'group:default/lab-team',
        },
      ]);

      const discovery = await request(server)
        .post('/api/migration/discovery')
        .set('Authorization', auth)
        .send({ environmentId: 'lab' });
      expect(discovery.status).toBe(200);
      expect(discovery.body).toMatchObject({
        environmentId: 'lab',
        total: 2,
        countsByKind: { vm: 2 },
      });
    });

    it('still fails start-up on an environment of an unknown provider, listing the added one', async () => {
      await expect(
        startTestBackend({
          features: [
            migrationPlugin,
            fakeProviderModule,
            config([{ id: 'lab', provider: 'faek' }]),
          ],
        }),
      ).rejects.toThrow(
        /InputError: migration\.environments\[0\]\.provider must be one of fake \(got "faek"\)$/,
      );
    });

    it('fails start-up when a module adds an invalid provider name', async () => {
      const badModule = createBackendModule({
        pluginId: 'migration',
        moduleId: 'test-bad-provider',
        register(reg) {
          reg.registerInit({
            deps: { providers: migrationCloudProvidersExtensionPoint },
            async init({ providers }) {
              providers.addProviderFactory('Fake_Cloud', () => {
                throw new Error('never built');
              });
            },
          });
        },
      });
      await expect(
        startTestBackend({
          features: [migrationPlugin, badModule, config([])],
        }),
      ).rejects.toThrow(
        /InputError: migration\.cloud-providers: provider name "Fake_Cloud" must be lower-case letters/,
      );
    });
  });
});
