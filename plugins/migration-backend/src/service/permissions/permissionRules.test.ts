import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { migrationModuleInventory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { migrationPlugin } from '../../plugin';
import { recordingSignals } from '../../__testUtils__/engineHarness';
import { onBehalfOfAuthFactory } from '../../__testUtils__/onBehalfOfAuth';
import {
  createMigrationConditionalDecision,
  migrationConditions,
} from './migrationRules';

jest.setTimeout(120_000);

const TEAM_A = 'group:default/team-a';
const REQUESTER = 'user:default/req';

/** Which rule the policy applies to each user's migration permissions. */
const RULES: Record<string, (ref: string) => any> = {
  'user:default/member': ref =>
    migrationConditions.isOwner({ claims: [ref, TEAM_A] }),
  [REQUESTER]: ref => migrationConditions.isRequester({ userEntityRef: ref }),
  'user:default/groupie': () =>
    migrationConditions.isOwnedByOneOfGroups({ groups: [TEAM_A] }),
};

/** Conditional decisions by {@link RULES}; everything else allowed (`stranger`: denied). */
const conditionalPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-conditional-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(query, user) {
            const ref = user?.info.userEntityRef ?? '';
            const rule = RULES[ref];
            if (!isResourcePermission(query.permission, 'migration')) {
              return { result: AuthorizeResult.ALLOW };
            }
            if (ref === 'user:default/stranger') {
              return { result: AuthorizeResult.DENY };
            }
            return rule
              ? createMigrationConditionalDecision(query.permission, rule(ref))
              : { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

const INVENTORY_FILE = path.resolve(
  __dirname,
  '../../../../../examples/inventory/dc1/rvtools-vinfo.csv',
);

/** The permission a route about one migration needs. */
function permissionOf(routePath: string, method: string) {
  if (routePath.includes('/approvals/')) return 'migration.approve';
  return method === 'get' ? 'migration.read' : 'migration.execute';
}

/** Every route about one migration, with the permission it needs. */
const MIGRATION_ROUTES = Object.entries<Record<string, unknown>>(
  parse(
    fs.readFileSync(path.join(__dirname, '../../schema/openapi.yaml'), 'utf8'),
  ).paths,
)
  .filter(([p]) => p.startsWith('/migrations/{id}'))
  .flatMap(([p, ops]) =>
    Object.keys(ops).map(method => ({
      method,
      path: p,
      permission: permissionOf(p, method),
    })),
  );

const as = (user: string) => mockCredentials.user.header(user);

describe('the migration permission rules on every single-migration route', () => {
  let server: Server;
  let mine: string;
  let theirs: string;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        migrationPlugin,
        migrationModuleInventory,
        permissionBackend,
        conditionalPolicy,
        permissionsServiceFactory,
        onBehalfOfAuthFactory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock(),
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
            permission: { enabled: true },
            migration: {
              environments: [
                {
                  id: 'dc1',
                  provider: 'inventory',
                  title: 'Data centre 1',
                  inventory: { files: [INVENTORY_FILE] },
                },
              ],
              approvals: { phases: ['build'] },
              engine: { pollIntervalMs: 50, janitorIntervalMs: 200 },
            },
          },
        }),
      ],
    });
    server = backend.server;
    const create = async (user: string, owner: string) => {
      const res = await request(server)
        .post('/api/migration/migrations')
        .set('Authorization', as(user))
        .send({
          title: `Owned by ${owner}`,
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs: ['resource:default/dc1-shop-web-01'],
          owner,
        });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    mine = await create(REQUESTER, TEAM_A);
    theirs = await create('user:default/creator', 'group:default/team-b');
  });

  const call = (
    route: (typeof MIGRATION_ROUTES)[number],
    id: string,
    user: string,
  ) => {
    const url = `/api/migration${route.path
      .replace('{id}', id)
      .replace('{taskId}', 'task')
      .replace('{phase}', 'build')
      .replace('{name}', 'plan-entities.json')}`;
    return (request(server) as any)
      [route.method](url)
      .set('Authorization', as(user))
      .send({});
  };

  it('covers the routes of one migration', () => {
    expect(MIGRATION_ROUTES).toHaveLength(18);
  });

  describe.each(Object.keys(RULES))('%s', user => {
    it.each(MIGRATION_ROUTES.map(r => [`${r.method} ${r.path}`, r]))(
      'denies %s on a migration the rule does not match',
      async (_name, route) => {
        const res = await call(route, theirs, user);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toBe(
          `You are not allowed to ${route.permission}`,
        );
      },
    );

    it.each(MIGRATION_ROUTES.map(r => [`${r.method} ${r.path}`, r]))(
      'allows %s on a migration the rule matches',
      async (_name, route) => {
        const res = await call(route, mine, user);
        // Whatever the route then answers (404, 409, 400 …), the permission let it through.
        expect(res.status).not.toBe(401);
        expect(res.body?.error?.message).not.toBe(
          `You are not allowed to ${route.permission}`,
        );
      },
    );

    it('lists only the migrations the rule matches', async () => {
      const res = await request(server)
        .get('/api/migration/migrations')
        .set('Authorization', as(user));
      expect(res.status).toBe(200);
      expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([mine]);
      expect(res.body.totalCount).toBe(1);
      const approvals = await request(server)
        .get('/api/migration/approvals')
        .query({ status: 'pending' })
        .set('Authorization', as(user));
      expect(approvals.status).toBe(200);
    });
  });

  it('lists every migration for an unconditional reader and refuses a denied one', async () => {
    const all = await request(server)
      .get('/api/migration/migrations')
      .set('Authorization', as('user:default/creator'));
    expect(all.body.items.map((m: { id: string }) => m.id).sort()).toEqual(
      [mine, theirs].sort(),
    );
    const denied = await request(server)
      .get('/api/migration/migrations')
      .set('Authorization', as('user:default/stranger'));
    expect(denied.status).toBe(403);
  });
});
