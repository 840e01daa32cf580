import {
  coreServices,
  createServiceFactory,
  type AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import fs from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { parse } from 'yaml';
import request from 'supertest';
import { migrationPlugin } from '../plugin';
import { recordingSignals, waitFor } from '../__testUtils__/engineHarness';
import { exampleEntities } from '../__testUtils__/exampleEstate';

import { grantsPolicyModule } from '../__testUtils__/grantsPolicy';
import { onBehalfOfAuthFactory } from '../__testUtils__/onBehalfOfAuth';
import { migrationModuleInventory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';

jest.setTimeout(60_000);

/** Which permissions each test user holds. */
const GRANTS: Record<string, string[]> = {
  'user:default/reader': ['migration.read'],
  'user:default/requester': [
    'migration.read',
    'migration.create',
    'migration.execute',
  ],
  'user:default/approver': ['migration.read', 'migration.approve'],
  'user:default/nobody': [],
};

const testPolicyModule = grantsPolicyModule(GRANTS);

/** What reached Backstage's auditor: one entry per finished event. */
interface AuditRecord {
  eventId: string;
  severityLevel?: string;
  outcome: 'success' | 'fail';
  meta?: Record<string, unknown>;
  error?: string;
  hasRequest: boolean;
}
const audits: AuditRecord[] = [];
const recordingAuditor = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: () => ({
    async createEvent(options: AuditorServiceCreateEventOptions) {
      const base = {
        eventId: options.eventId,
        severityLevel: options.severityLevel,
        hasRequest: Boolean(options.request),
      };
      return {
        async success(result?: { meta?: Record<string, unknown> }) {
          audits.push({ ...base, outcome: 'success', meta: result?.meta });
        },
        async fail(result: { meta?: Record<string, unknown>; error: Error }) {
          audits.push({
            ...base,
            outcome: 'fail',
            meta: result.meta,
            error: result.error.name,
          });
        },
      };
    },
  }),
});

/** A real inventory export, so the environment phase validates a real provider. */
const INVENTORY_FILE = path.resolve(
  __dirname,
  '../../../../examples/inventory/dc1/rvtools-vinfo.csv',
);

/** A web server of the example estate, as the catalog module maps it. */
const WEB_01 = 'resource:default/dc1-shop-web-01';

const as = (user: string) => mockCredentials.user.header(user);
const reader = as('user:default/reader');
const requester = as('user:default/requester');
const approver = as('user:default/approver');
const nobody = as('user:default/nobody');
const anonymous = mockCredentials.none.header();

const body = {
  title: 'Move web-01',
  sourceEnvironmentId: 'dc1',
  target: { provider: 'aws', region: 'eu-west-1' },
  entityRefs: [WEB_01],
  policyAcknowledged: true,
};

/**
 * Every route of the API, from the OpenAPI spec (which another test holds equal to the routes the
 * router registers); `{id}`, `{taskId}`, `{phase}` and `{name}` are filled in per test.
 */
const ROUTES = Object.entries<Record<string, unknown>>(
  parse(fs.readFileSync(path.join(__dirname, '../schema/openapi.yaml'), 'utf8'))
    .paths,
)
  .filter(([p]) => p !== '/health')
  .flatMap(([p, ops]) => Object.keys(ops).map(method => ({ method, path: p })));

describe('the migration REST API with the permission backend', () => {
  let server: Server;
  const signals = recordingSignals();
  // The catalog answers the plan phase only once the gate opens (open unless a test closes it).
  let catalogGate: Promise<void> = Promise.resolve();
  let catalog: ReturnType<typeof catalogServiceMock>;
  const gatedCatalog = new Proxy({} as ReturnType<typeof catalogServiceMock>, {
    get(_target, method: keyof ReturnType<typeof catalogServiceMock>) {
      if (method === 'getEntitiesByRefs') {
        return async (
          ...args: Parameters<typeof catalog.getEntitiesByRefs>
        ) => {
          // Resolving a request's resources at creation passes; the plan phase waits.
          if (!new Error().stack?.includes('resourceResolver')) {
            await catalogGate;
          }
          return catalog.getEntitiesByRefs(...args);
        };
      }
      const value = catalog[method];
      return typeof value === 'function' ? value.bind(catalog) : value;
    },
  });

  beforeAll(async () => {
    catalog = catalogServiceMock({
      entities: await exampleEntities(name => name === 'shop-web-01'),
    });
    const backend = await startTestBackend({
      features: [
        migrationPlugin,
        migrationModuleInventory,
        permissionBackend,
        testPolicyModule,
        permissionsServiceFactory,
        onBehalfOfAuthFactory,
        recordingAuditor,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => gatedCatalog,
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: jest.fn() }),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => signals,
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
              policy: {
                acknowledgement: 'I have read the cloud migration policy',
              },
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

  const api = () => request(server);
  const call = (method: string, url: string) =>
    (api() as any)[method](`/api/migration${url}`);

  async function create(extra: Record<string, unknown> = {}) {
    const res = await api()
      .post('/api/migration/migrations')
      .set('Authorization', requester)
      .send({ ...body, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function statusOf(id: string) {
    const res = await api()
      .get(`/api/migration/migrations/${id}/status`)
      .set('Authorization', reader);
    expect(res.status).toBe(200);
    return res.body;
  }

  describe.each(ROUTES.map(r => [`${r.method.toUpperCase()} ${r.path}`, r]))(
    '%s',
    (_name, route) => {
      const url = route.path
        .replace('{id}', '00000000-0000-0000-0000-000000000000')
        .replace('{taskId}', 'task')
        .replace('{phase}', 'build')
        .replace('{name}', 'plan-entities.json');

      it('answers 401 without credentials', async () => {
        const res = await call(route.method, url)
          .set('Authorization', anonymous)
          .send({});
        expect(res.status).toBe(401);
      });

      it('answers 403 to a user without the permission', async () => {
        const res = await call(route.method, url)
          .set('Authorization', nobody)
          .send({});
        expect(res.status).toBe(403);
        expect(res.body.error.name).toBe('NotAllowedError');
      });
    },
  );

  it('covers every documented route but /health', () => {
    expect(ROUTES).toHaveLength(24);
  });

  it('lets a reader read but not create or control', async () => {
    const res = await api()
      .post('/api/migration/migrations')
      .set('Authorization', reader)
      .send(body);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'You are not allowed to migration.create',
    );
    const m = await create();
    const pause = await api()
      .post(`/api/migration/migrations/${m.id}/pause`)
      .set('Authorization', reader);
    expect(pause.status).toBe(403);
    const approve = await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', requester)
      .send({ decision: 'approve', comment: 'x' });
    expect(approve.status).toBe(403);
  });

  it("records changes with Backstage's auditor, refusals included", async () => {
    let open!: () => void;
    catalogGate = new Promise(resolve => {
      open = resolve;
    });
    audits.length = 0;
    const m = await create();
    await waitFor(
      async () => (await statusOf(m.id)).migration.currentPhase === 'plan',
    );
    await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', requester)
      .send({ decision: 'approve', comment: 'looks fine' });
    await api()
      .post(`/api/migration/migrations/${m.id}/pause`)
      .set('Authorization', requester)
      .send({ reason: 'network freeze' });
    await api()
      .post(`/api/migration/migrations/${m.id}/cancel`)
      .set('Authorization', requester)
      .send({ reason: 'wrong region' });

    expect(audits).toEqual([
      {
        eventId: 'migration-create',
        severityLevel: 'medium',
        outcome: 'success',
        meta: { migrationId: m.id, created: true },
        hasRequest: true,
      },
      {
        eventId: 'migration-approval',
        severityLevel: 'high',
        outcome: 'fail',
        meta: { id: m.id, phase: 'build' },
        error: 'NotAllowedError',
        hasRequest: true,
      },
      {
        eventId: 'migration-control',
        severityLevel: 'medium',
        outcome: 'success',
        meta: { id: m.id, actionType: 'pause' },
        hasRequest: true,
      },
      {
        eventId: 'migration-control',
        severityLevel: 'high',
        outcome: 'success',
        meta: { id: m.id, actionType: 'cancel' },
        hasRequest: true,
      },
    ]);
    // Request bodies (comments, reasons) are the migration's own audit trail, not the auditor's.
    expect(JSON.stringify(audits)).not.toMatch(/looks fine|network freeze/);
    open();
  });

  it('serves every route to a user with the permission, through a whole migration', async () => {
    const providers = await api()
      .get('/api/migration/providers')
      .set('Authorization', reader);
    expect(providers.status).toBe(200);
    expect(providers.body.items).toEqual([
      expect.objectContaining({
        id: 'dc1',
        provider: 'inventory',
        title: 'Data centre 1',
      }),
    ]);

    const m = await create({ idempotencyKey: 'req-1' });
    expect(m).toMatchObject({
      status: 'running',
      requestedBy: 'user:default/requester',
      owner: 'user:default/requester',
      gatedPhases: ['build'],
    });
    // the same idempotency key returns the same migration with 200
    const again = await api()
      .post('/api/migration/migrations')
      .set('Authorization', requester)
      .send({ ...body, idempotencyKey: 'req-1' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(m.id);

    await waitFor(
      async () => {
        const { migration, phases } = await statusOf(m.id);
        if (migration.status === 'failed') {
          const failed = phases
            .flatMap((p: any) => p.tasks)
            .find((t: any) => t.status === 'failed');
          throw new Error(`failed at ${failed?.taskType}: ${failed?.error}`);
        }
        return migration.status === 'awaiting_approval';
      },
      30_000,
      'the build gate',
    );
    const status = await statusOf(m.id);
    expect(status.phases.map((p: any) => p.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'awaiting_approval',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    expect(status.artifacts.map((a: any) => a.name)).toContain(
      'plan-entities.json',
    );

    // the environment check was recorded for GET /providers
    const validated = await api()
      .get('/api/migration/providers')
      .set('Authorization', reader);
    expect(validated.body.items[0].lastValidation.checks[0]).toMatchObject({
      id: 'inventory-file-1',
      status: 'pass',
    });

    const list = await api()
      .get('/api/migration/migrations')
      .query({
        status: 'awaiting_approval,running',
        entityRef: WEB_01,
      })
      .set('Authorization', reader);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => i.id)).toContain(m.id);
    // A system and its parts in one request: any of the refs matches.
    const anyOf = await api()
      .get(
        `/api/migration/migrations?entityRef=system:default/nothing&entityRef=${WEB_01.toUpperCase()}`,
      )
      .set('Authorization', reader);
    expect(anyOf.body.items.map((i: any) => i.id)).toContain(m.id);
    const none = await api()
      .get('/api/migration/migrations')
      .query({ entityRef: 'system:default/nothing' })
      .set('Authorization', reader);
    expect(none.body.items).toEqual([]);

    const one = await api()
      .get(`/api/migration/migrations/${m.id}`)
      .set('Authorization', reader);
    expect(one.status).toBe(200);
    expect(one.body.currentPhase).toBe('build');

    const approvals = await api()
      .get('/api/migration/approvals')
      .set('Authorization', reader);
    expect(approvals.status).toBe(200);
    expect(approvals.body.items).toContainEqual(
      expect.objectContaining({
        migrationId: m.id,
        phase: 'build',
        status: 'pending',
        migration: expect.objectContaining({ id: m.id }),
      }),
    );

    const artifact = await api()
      .get(`/api/migration/migrations/${m.id}/artifacts/plan-entities.json`)
      .set('Authorization', reader);
    expect(artifact.status).toBe(200);
    expect(artifact.headers['content-type']).toMatch(/^application\/json/);
    expect(artifact.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(artifact.text).entities[0].metadata.name).toBe(
      'dc1-shop-web-01',
    );

    // the requester cannot approve their own migration
    const selfApproval = await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', as('user:default/requester'))
      .send({ decision: 'approve', comment: 'mine' });
    expect(selfApproval.status).toBe(403);

    const noComment = await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', approver)
      .send({ decision: 'approve', comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.message).toMatch(/^comment: /);

    const approved = await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', approver)
      .send({ decision: 'approve', comment: 'Capacity reserved' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      decidedBy: 'user:default/approver',
    });
    const twice = await api()
      .post(`/api/migration/migrations/${m.id}/approvals/build`)
      .set('Authorization', approver)
      .send({ decision: 'approve', comment: 'again' });
    expect(twice.status).toBe(409);

    await waitFor(
      async () => (await statusOf(m.id)).migration.status === 'completed',
    );
    const resumeDone = await api()
      .post(`/api/migration/migrations/${m.id}/resume`)
      .set('Authorization', requester);
    expect(resumeDone.status).toBe(409);
    expect(resumeDone.body.error.name).toBe('ConflictError');

    const events = await api()
      .get(`/api/migration/migrations/${m.id}/events`)
      .query({ limit: 500 })
      .set('Authorization', reader);
    expect(events.status).toBe(200);
    const created = events.body.items[0];
    expect(created).toMatchObject({
      action: 'migration.created',
      actor: 'user:default/requester',
      detail: {
        policy: {
          acknowledged: true,
          text: 'I have read the cloud migration policy',
        },
      },
    });
    const after = await api()
      .get(`/api/migration/migrations/${m.id}/events`)
      .query({ after: created.id, limit: 1 })
      .set('Authorization', reader);
    expect(after.body.items).toHaveLength(1);
    expect(after.body.items[0].id).toBeGreaterThan(created.id);

    // signals carried the migration id
    expect(signals.published).toContainEqual(
      expect.objectContaining({ migrationId: m.id, status: 'completed' }),
    );

    const rollback = await api()
      .post(`/api/migration/migrations/${m.id}/rollback`)
      .set('Authorization', requester)
      .send({ reason: 'validation failed in production' });
    expect(rollback.status).toBe(200);
    expect(rollback.body.status).toBe('rolling_back');
    await waitFor(
      async () => (await statusOf(m.id)).migration.status === 'rolled_back',
    );
  });

  it('pauses, resumes and cancels', async () => {
    let open!: () => void;
    catalogGate = new Promise(resolve => {
      open = resolve;
    });
    const m = await create();
    await waitFor(
      async () => (await statusOf(m.id)).migration.currentPhase === 'plan',
    );
    const paused = await api()
      .post(`/api/migration/migrations/${m.id}/pause`)
      .set('Authorization', requester)
      .send({ reason: 'waiting for the network team' });
    expect(paused.status).toBe(200);
    expect(paused.body.status).toBe('paused');
    const resumed = await api()
      .post(`/api/migration/migrations/${m.id}/resume`)
      .set('Authorization', requester);
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe('running');
    const cancelled = await api()
      .post(`/api/migration/migrations/${m.id}/cancel`)
      .set('Authorization', requester)
      .send({ reason: 'wrong target region' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      status: 'cancelled',
      statusReason: 'Cancelled by user:default/requester: wrong target region',
    });
    open();
    const events = await api()
      .get(`/api/migration/migrations/${m.id}/events`)
      .set('Authorization', reader);
    const actions = events.body.items.map((e: any) => `${e.action} ${e.actor}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'migration.paused user:default/requester',
        'migration.resumed user:default/requester',
        'migration.cancelled user:default/requester',
      ]),
    );
  });

  it('retries a failed task', async () => {
    const m = await create({ entityRefs: ['resource:default/ghost'] });
    await waitFor(
      async () => (await statusOf(m.id)).migration.status === 'failed',
    );
    const status = await statusOf(m.id);
    expect(status.migration.statusReason).toContain(
      'These entities are not in the catalog: resource:default/ghost',
    );
    const task = status.phases[1].tasks[0];
    expect(task).toMatchObject({ status: 'failed', attempts: 1 });
    const retried = await api()
      .post(`/api/migration/migrations/${m.id}/tasks/${task.id}/retry`)
      .set('Authorization', requester);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: task.id, status: 'ready' });
    const unknownTask = await api()
      .post(`/api/migration/migrations/${m.id}/tasks/nope/retry`)
      .set('Authorization', requester);
    expect(unknownTask.status).toBe(404);
  });

  it('rejects bad input with 400 naming the field and writes nothing', async () => {
    const before = await api()
      .get('/api/migration/migrations')
      .set('Authorization', reader);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...body, title: '' }, /^title: /],
      [
        { ...body, target: { provider: 'oracle', region: 'x' } },
        /target\.provider: /,
      ],
      [
        { ...body, entityRefs: ['not a ref'] },
        /entityRefs\.0: "not a ref" is not an entity ref/,
      ],
      [{ ...body, entityRefs: [] }, /^entityRefs: /],
      [
        { ...body, sourceEnvironmentId: 'nowhere' },
        /^sourceEnvironmentId: no environment "nowhere" is configured$/,
      ],
      [
        { ...body, policyAcknowledged: false },
        /^policyAcknowledged: the migration policy must be acknowledged/,
      ],
      [
        { ...body, options: { maintenanceWindows: ['tomorrow'] } },
        /options\.maintenanceWindows\.0: must be an ISO-8601 interval/,
      ],
      [{ ...body, surprise: 1 }, /surprise/],
    ];
    for (const [payload, message] of cases) {
      const res = await api()
        .post('/api/migration/migrations')
        .set('Authorization', requester)
        .send(payload);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
    }
    const after = await api()
      .get('/api/migration/migrations')
      .set('Authorization', reader);
    expect(after.body.totalCount).toBe(before.body.totalCount);

    const badQuery = await api()
      .get('/api/migration/migrations')
      .query({ status: 'sleeping' })
      .set('Authorization', reader);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^status\.0: /);
    const badRef = await api()
      .get(
        '/api/migration/migrations?entityRef=resource:default/a&entityRef=no%20ref',
      )
      .set('Authorization', reader);
    expect(badRef.status).toBe(400);
    expect(badRef.body.error.message).toMatch(/^entityRef\.1: /);

    const badPhase = await api()
      .post('/api/migration/migrations/x/approvals/launch')
      .set('Authorization', approver)
      .send({ decision: 'approve', comment: 'ok' });
    expect(badPhase.status).toBe(400);
    expect(badPhase.body.error.message).toMatch(/^phase: /);

    const badName = await api()
      .get('/api/migration/migrations/x/artifacts/..%2Fsecrets')
      .set('Authorization', reader);
    expect(badName.status).toBe(400);
  });

  it('answers 404 for unknown ids', async () => {
    for (const url of [
      '/migrations/unknown',
      '/migrations/unknown/status',
      '/migrations/unknown/events',
      '/migrations/unknown/artifacts/plan-entities.json',
    ]) {
      const res = await api()
        .get(`/api/migration${url}`)
        .set('Authorization', reader);
      expect(res.status).toBe(404);
      expect(res.body.error.name).toBe('NotFoundError');
    }
    const pause = await api()
      .post('/api/migration/migrations/unknown/pause')
      .set('Authorization', requester);
    expect(pause.status).toBe(404);
  });
});
