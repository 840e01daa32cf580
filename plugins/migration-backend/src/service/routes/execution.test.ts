import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import permissionBackend from '@backstage/plugin-permission-backend';
import notificationsBackend from '@backstage/plugin-notifications-backend';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import type { Server } from 'node:http';
import request from 'supertest';
import { KnexExecutionStore } from '../../database/KnexExecutionStore';
import { KnexMigrationStore } from '../../database/KnexMigrationStore';
import { createMigrationAccess } from '../../engine/createMigrationAccess';
import { readExecutionConfig } from '../../executors';
import type { MigrationService } from '../MigrationService';
import { createRouter } from '../router';

import { grantsPolicyModule } from '../../__testUtils__/grantsPolicy';

jest.setTimeout(60_000);

const GRANTS: Record<string, string[]> = {
  'user:default/reader': ['migration.read'],
  'user:default/operator': ['migration.read', 'migration.execute'],
  'user:default/nobody': [],
};

const testPolicyModule = grantsPolicyModule(GRANTS, name =>
  name.startsWith('notification'),
);

let migrationStore: KnexMigrationStore;

/** The migration plugin's router with only what the execution routes use, on the test backend's database. */
const executionRoutesPlugin = createBackendPlugin({
  pluginId: 'migration',
  register(env) {
    env.registerInit({
      deps: {
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        notifications: notificationService,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        migrationStore = await KnexMigrationStore.create({
          database: deps.database,
        });
        const knex = await deps.database.getClient();
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            auth: deps.auth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            logger: deps.logger,
            service: {} as MigrationService,
            providers: { get: () => undefined, list: () => [] },
            analysis: {} as any,
            execution: {
              access: createMigrationAccess(migrationStore),
              store: new KnexExecutionStore(knex),
              config: readExecutionConfig(deps.config),
              notifications: deps.notifications,
            },
          }),
        );
      },
    });
  },
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-webshop', namespace: 'default' },
    spec: { type: 'team', children: [] },
    relations: [{ type: 'hasMember', targetRef: 'user:default/alice' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['group:default/team-webshop'] },
  },
];

const as = (user: string) => mockCredentials.user.header(user);
const reader = as('user:default/reader');
const operator = as('user:default/operator');
const nobody = as('user:default/nobody');
const anonymous = mockCredentials.none.header();

const alertPayload = (
  status: 'firing' | 'resolved',
  fingerprint = '5f1a2b3c4d5e6f70',
) => ({
  version: '4',
  groupKey: '{}:{alertname="HighCpu"}',
  truncatedAlerts: 0,
  status,
  receiver: 'sirsi-nexus',
  groupLabels: { alertname: 'HighCpu' },
  commonLabels: { alertname: 'HighCpu', severity: 'critical' },
  commonAnnotations: {},
  externalURL: 'http://alertmanager.example:9093',
  alerts: [
    {
      status,
      labels: {
        alertname: 'HighCpu',
        instance: 'web-01:9100',
        severity: 'critical',
      },
      annotations: { summary: 'CPU above 85 % on web-01' },
      startsAt: '2027-01-05T10:00:00.000Z',
      endsAt:
        status === 'resolved'
          ? '2027-01-05T10:30:00.000Z'
          : '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph',
      fingerprint,
    },
  ],
});

describe('execution routes', () => {
  let server: Server;
  let id: string;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        executionRoutesPlugin,
        notificationsBackend,
        permissionBackend,
        testPolicyModule,
        permissionsServiceFactory,
        createServiceFactory({
          service: catalogServiceRef,
          deps: {},
          factory: () => catalogServiceMock({ entities }),
        }),
        createServiceFactory({
          service: signalsServiceRef,
          deps: {},
          factory: () => ({ publish: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            permission: { enabled: true },
            migration: { validation: { timeoutMs: 500, latencySamples: 1 } },
          },
        }),
      ],
    });
    server = backend.server;
    const { migration } = await migrationStore.createMigration(
      {
        id: 'b7c1d6a2-0000-4000-8000-000000000001',
        title: 'Webshop to AWS',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs: ['resource:default/web-01'],
        owner: 'group:default/team-webshop',
        requestedBy: 'user:default/operator',
        options: { rehearsal: true },
        gatedPhases: [],
      },
      { actor: 'user:default/operator', action: 'migration.created' },
    );
    id = migration.id;
  });

  const routes = () => [
    {
      method: 'post' as const,
      path: `/api/migration/migrations/${id}/validate`,
      needs: 'execute',
      body: {},
    },
    {
      method: 'post' as const,
      path: `/api/migration/migrations/${id}/optimize`,
      needs: 'execute',
      body: {},
    },
    {
      method: 'post' as const,
      path: `/api/migration/migrations/${id}/configure-support`,
      needs: 'execute',
      body: {},
    },
    {
      method: 'get' as const,
      path: `/api/migration/migrations/${id}/monitoring`,
      needs: 'read',
    },
    {
      method: 'post' as const,
      path: `/api/migration/migrations/${id}/alerts`,
      needs: 'execute',
      body: alertPayload('firing', 'aaaa1111'),
    },
    {
      method: 'get' as const,
      path: `/api/migration/migrations/${id}/reports`,
      needs: 'read',
    },
  ];

  it('answers 401 without credentials and 403 without the permission on every route', async () => {
    for (const route of routes()) {
      const unauthenticated = await request(server)
        [route.method](route.path)
        .set('authorization', anonymous)
        .send(route.body);
      expect([route.path, unauthenticated.status]).toEqual([route.path, 401]);
      const forbidden = await request(server)
        [route.method](route.path)
        .set('authorization', route.needs === 'read' ? nobody : reader)
        .send(route.body);
      expect([route.path, forbidden.status]).toEqual([route.path, 403]);
    }
  });

  it('answers 2xx with the permission on every route, and 404 for unknown migrations', async () => {
    for (const route of routes()) {
      const ok = await request(server)
        [route.method](route.path)
        .set('authorization', route.needs === 'read' ? reader : operator)
        .send(route.body);
      expect([route.path, ok.status]).toEqual([route.path, 200]);
      const missing = await request(server)
        [route.method](route.path.replace(id, 'no-such-migration'))
        .set('authorization', operator)
        .send(route.body);
      expect([route.path, missing.status]).toEqual([route.path, 404]);
    }
  });

  it('re-runs validation, refusing metadata addresses', async () => {
    const res = await request(server)
      .post(`/api/migration/migrations/${id}/validate`)
      .set('authorization', operator)
      .send({
        endpoints: [{ name: 'imds', host: '169.254.169.254', port: 80 }],
      });
    expect(res.status).toBe(200);
    const tcp = res.body.checks.find((c: any) => c.id === 'network.tcp.imds');
    expect(tcp).toMatchObject({ status: 'failed', metrics: { refused: true } });
    expect(tcp.message).toMatch(/link-local or metadata address/);
    expect(
      res.body.checks.find((c: any) => c.id === 'data.transfer').status,
    ).toBe('warning');
    const stored = await migrationStore.getArtifact(id, 'validation.json');
    expect(JSON.parse(stored!.content.toString()).checks).toHaveLength(
      res.body.checks.length,
    );

    const bad = await request(server)
      .post(`/api/migration/migrations/${id}/validate`)
      .set('authorization', operator)
      .send({ endpoints: [{ name: 'x', host: 'h', port: 70000 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/endpoints\.0\.port/);
  });

  it('stores a support configuration, generates it as code and returns it with the alerts', async () => {
    const bad = await request(server)
      .post(`/api/migration/migrations/${id}/configure-support`)
      .set('authorization', operator)
      .send({
        backupStrategy: { enabled: true, schedule: 'daily', retentionDays: 30 },
      });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/backupStrategy\.schedule/);

    const res = await request(server)
      .post(`/api/migration/migrations/${id}/configure-support`)
      .set('authorization', operator)
      .send({
        channels: [
          { type: 'backstage', target: 'group:default/team-webshop' },
          { type: 'email', target: 'ops@example.com' },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.updatedBy).toBe('user:default/operator');
    expect(Object.keys(res.body.generated.terraform)).toEqual(
      expect.arrayContaining(['alerts.tf', 'backup.tf']),
    );
    expect(
      res.body.generated.validation.every((v: any) => v.status === 'pass'),
    ).toBe(true);
    expect(
      (await migrationStore.getArtifact(id, 'prometheus-rules.yaml'))!.summary
        .mediaType,
    ).toBe('text/yaml');
    expect(
      (await migrationStore.getArtifact(id, 'support-terraform.zip'))!.summary
        .mediaType,
    ).toBe('application/zip');

    const monitoring = await request(server)
      .get(`/api/migration/migrations/${id}/monitoring`)
      .set('authorization', reader);
    expect(monitoring.body.support.config.channels).toHaveLength(2);
    expect(Array.isArray(monitoring.body.alerts)).toBe(true);
  });

  it('ingests Alertmanager webhooks: bad payloads are 400, duplicates do not notify again', async () => {
    const path = `/api/migration/migrations/${id}/alerts`;
    const bad = await request(server)
      .post(path)
      .set('authorization', operator)
      .send({ alerts: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /Not an Alertmanager webhook payload/,
    );

    const first = await request(server)
      .post(path)
      .set('authorization', operator)
      .send(alertPayload('firing'));
    expect(first.body).toEqual({
      received: 1,
      changed: 1,
      duplicates: 0,
      notified: 1,
    });
    const again = await request(server)
      .post(path)
      .set('authorization', operator)
      .send(alertPayload('firing'));
    expect(again.body).toEqual({
      received: 1,
      changed: 0,
      duplicates: 1,
      notified: 0,
    });
    const resolved = await request(server)
      .post(path)
      .set('authorization', operator)
      .send(alertPayload('resolved'));
    expect(resolved.body).toEqual({
      received: 1,
      changed: 1,
      duplicates: 0,
      notified: 1,
    });

    const monitoring = await request(server)
      .get(`/api/migration/migrations/${id}/monitoring`)
      .set('authorization', reader);
    const alert = monitoring.body.alerts.find(
      (a: any) => a.fingerprint === '5f1a2b3c4d5e6f70',
    );
    expect(alert).toMatchObject({
      status: 'resolved',
      alertname: 'HighCpu',
      receiveCount: 1,
      endsAt: '2027-01-05T10:30:00.000Z',
    });

    // The owner group's member sees the notification, one per alert (updated when it resolved).
    const inbox = await request(server)
      .get('/api/notifications/notifications')
      .set('authorization', as('user:default/alice'));
    expect(inbox.status).toBe(200);
    const mine = inbox.body.notifications.filter(
      (n: any) => n.payload.scope === `migration-alert:${id}:5f1a2b3c4d5e6f70`,
    );
    expect(mine).toHaveLength(1);
    expect(mine[0].payload.title).toMatch(
      /^Resolved: HighCpu on web-01:9100 \(Webshop to AWS\)/,
    );
    expect(mine[0].payload.link).toBe(`/migrations/${id}`);
  });

  it("links ingested alerts to the resources of the plan phase's snapshot by their instance", async () => {
    await createMigrationAccess(migrationStore).putArtifact(
      id,
      MIGRATION_ARTIFACTS.planEntities.name,
      {
        capturedAt: '2027-01-05T09:00:00.000Z',
        selectedRefs: ['resource:default/web-01'],
        entities: [
          resourceToEntity(
            {
              provider: 'vmware',
              environmentId: 'dc1',
              externalId: 'vm-101',
              kind: 'vm',
              name: 'web-01',
              specs: { ipAddresses: ['10.0.1.5'] },
              tags: {},
              dependsOn: [],
            },
            { owner: 'group:default/team-webshop' },
          ),
        ],
      } as unknown as JsonValue,
      { actor: 'user:default/operator' },
    );
    const payload = alertPayload('firing', 'bbbb0001');
    payload.alerts.push(
      {
        ...payload.alerts[0],
        labels: { ...payload.alerts[0].labels, instance: '10.0.1.5:9100' },
        fingerprint: 'bbbb0002',
      },
      {
        ...payload.alerts[0],
        labels: { ...payload.alerts[0].labels, instance: '10.7.7.7:9100' },
        fingerprint: 'bbbb0003',
      },
    );
    const ingested = await request(server)
      .post(`/api/migration/migrations/${id}/alerts`)
      .set('authorization', operator)
      .send(payload);
    expect(ingested.status).toBe(200);

    const monitoring = await request(server)
      .get(`/api/migration/migrations/${id}/monitoring`)
      .set('authorization', reader);
    const byFingerprint = (f: string) =>
      monitoring.body.alerts.find((a: any) => a.fingerprint === f);
    const web01 = {
      id: 'vm-101',
      name: 'web-01',
      // resourceToEntity names the entity after the environment and external id.
      entityRef: 'resource:default/dc1-vm-101',
    };
    expect(byFingerprint('bbbb0001')).toMatchObject({
      instance: 'web-01',
      resource: web01,
    });
    expect(byFingerprint('bbbb0002')).toMatchObject({
      instance: '10.0.1.5',
      resource: web01,
    });
    expect(byFingerprint('bbbb0003').instance).toBe('10.7.7.7');
    expect(byFingerprint('bbbb0003').resource).toBeUndefined();
  });

  it('returns the report as JSON and as Markdown', async () => {
    const json = await request(server)
      .get(`/api/migration/migrations/${id}/reports`)
      .set('authorization', reader);
    expect(json.status).toBe(200);
    expect(json.body.report.migration).toMatchObject({
      id,
      title: 'Webshop to AWS',
    });
    expect(json.body.report.rehearsal.enabled).toBe(true);
    const md = await request(server)
      .get(`/api/migration/migrations/${id}/reports?format=markdown`)
      .set('authorization', reader);
    expect(md.headers['content-type']).toMatch(/text\/markdown/);
    expect(md.text).toMatch(/^# Migration report: Webshop to AWS/);
    const bad = await request(server)
      .get(`/api/migration/migrations/${id}/reports?format=pdf`)
      .set('authorization', reader);
    expect(bad.status).toBe(400);
  });
});
