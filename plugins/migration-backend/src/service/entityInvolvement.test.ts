import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { migrationModuleInventory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { migrationPlugin } from '../plugin';
import { recordingSignals, waitFor } from '../__testUtils__/engineHarness';
import { exampleEntities } from '../__testUtils__/exampleEstate';

jest.setTimeout(60_000);

const INVENTORY_FILE = path.resolve(
  __dirname,
  '../../../../examples/inventory/dc1/rvtools-vinfo.csv',
);

/** The Web Shop system of the example estate; its 13 servers name it in `spec.system`. */
const webShop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', namespace: 'default', title: 'Web Shop' },
  spec: { owner: 'group:default/team-webshop' },
};

/** The team that owns the Web Shop and its servers (`spec.owner`). */
const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-webshop', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const WEB_01 = 'resource:default/dc1-shop-web-01';
const user = mockCredentials.user.header('user:default/jane');

describe('GET /migrations?entityRef= through systems (issue 15)', () => {
  let server: Server;

  beforeAll(async () => {
    const catalog = catalogServiceMock({
      entities: [
        webShop,
        team,
        ...(await exampleEntities(name => name.startsWith('shop-'))),
      ],
    });
    const backend = await startTestBackend({
      features: [
        migrationPlugin,
        migrationModuleInventory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalog,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: jest.fn() }),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => recordingSignals(),
        }),
        mockServices.rootConfig.factory({
          data: {
            migration: {
              environments: [
                {
                  id: 'dc1',
                  provider: 'inventory',
                  title: 'Data centre 1',
                  inventory: { files: [INVENTORY_FILE] },
                },
              ],
              approvals: { phases: ['specify'] },
              engine: {
                pollIntervalMs: 50,
                janitorIntervalMs: 200,
                heartbeatIntervalMs: 200,
                leaseDurationMs: 2000,
                retry: { initialBackoffMs: 20, maxBackoffMs: 50 },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
  });

  const byRef = async (ref: string) => {
    const res = await request(server)
      .get('/api/migration/migrations')
      .query({ entityRef: ref })
      .set('Authorization', user);
    expect(res.status).toBe(200);
    return res.body;
  };

  const create = async (title: string, entityRefs: string[]) => {
    const res = await request(server)
      .post('/api/migration/migrations')
      .set('Authorization', user)
      .send({
        title,
        sourceEnvironmentId: 'dc1',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs,
      });
    expect(res.status).toBe(201);
    return res.body as { id: string; resourceCount: number };
  };

  it('finds the Web Shop migration from one of its 13 servers, with its wave once planned', async () => {
    const created = await request(server)
      .post('/api/migration/migrations')
      .set('Authorization', user)
      .send({
        title: 'Move the Web Shop',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs: ['system:default/webshop'],
      });
    expect(created.status).toBe(201);
    expect(created.body.resourceCount).toBe(13);

    const found = await byRef(WEB_01);
    expect(found.totalCount).toBe(1);
    expect(found.items[0]).toMatchObject({
      id: created.body.id,
      resourceCount: 13,
      involvement: { via: 'system', viaRef: 'system:default/webshop' },
    });

    const bySystem = await byRef('system:default/webshop');
    expect(bySystem.items[0].involvement).toEqual({ via: 'requested' });

    // Once the plan phase has planned the waves, the server's wave is known.
    let wave: number | undefined;
    await waitFor(async () => {
      wave = (await byRef(WEB_01)).items[0].involvement.wave;
      return wave !== undefined;
    }, 45_000);
    expect(wave).toBeGreaterThanOrEqual(1);
    const approvals = await request(server)
      .get('/api/migration/approvals')
      .set('Authorization', user);
    expect(approvals.body.items).toEqual([
      expect.objectContaining({
        phase: 'specify',
        migration: expect.objectContaining({ resourceCount: 13 }),
      }),
    ]);
  });

  it('finds a System through a migration of one of its parts', async () => {
    const db = await create('Move a database', [
      'resource:default/dc1-shop-db-01',
    ]);
    expect(db.resourceCount).toBe(1);
    const found = await byRef('system:default/webshop');
    expect(found.items).toContainEqual(
      expect.objectContaining({
        id: db.id,
        // With the part's wave once the plan phase has planned it.
        involvement: expect.objectContaining({
          via: 'part',
          viaRef: 'resource:default/dc1-shop-db-01',
        }),
      }),
    );
  });

  it('expands a requested Group into what it owns and finds a server through it', async () => {
    const byTeam = await create('Move the team', [
      'group:default/team-webshop',
    ]);
    // The Web Shop system and its 13 servers; the system itself is not counted.
    expect(byTeam.resourceCount).toBe(13);
    const found = await byRef('resource:default/dc1-shop-app-01');
    expect(found.items).toContainEqual(
      expect.objectContaining({
        id: byTeam.id,
        involvement: expect.objectContaining({
          via: 'group',
          viaRef: 'group:default/team-webshop',
        }),
      }),
    );
  });
});
