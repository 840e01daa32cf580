import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  AnalyzeRequest,
  DiscoveredResource,
  Migration,
  MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';
import {
  analyzeSelection,
  createAssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';

/** The migration plugin's API on whatever host discovery names (mocked or a test backend). */
export const MIGRATION_API = '*/api/migration';

const vm = (
  id: string,
  ip: string,
  dependsOn: string[],
  extra: Partial<DiscoveredResource['specs']> = {},
): DiscoveredResource => ({
  provider: 'inventory',
  environmentId: 'dc1',
  externalId: id,
  kind: 'vm',
  name: id,
  specs: {
    vcpus: 2,
    memoryMiB: 4096,
    os: { family: 'linux', name: 'Ubuntu 22.04 LTS' },
    powerState: 'poweredOn',
    ipAddresses: [ip],
    disks: [{ sizeGiB: 40 }, { sizeGiB: 100 }],
    ...extra,
  },
  tags: { app: 'webshop' },
  dependsOn,
  utilization: { cpuP95: 30, memP95: 50, samples: 720, window: 'P30D' },
});

/** A small on-prem web shop: web → app → db, each with an address, as discovery makes them. */
export const estate: DiscoveredResource[] = [
  vm('shop-web-01', '10.20.10.11', ['shop-app-01']),
  vm('shop-app-01', '10.20.20.11', ['shop-db-01'], {
    listeningPorts: [{ protocol: 'tcp', port: 8080 }],
  }),
  vm('shop-db-01', '10.20.30.5', [], {
    listeningPorts: [{ protocol: 'tcp', port: 5432 }],
  }),
];

/** The catalog entities discovery makes of the estate, plus a System and a non-discovered Component. */
export const entities: Entity[] = [
  ...estate.map(r =>
    resourceToEntity(r, { owner: 'group:default/team-webshop' }),
  ),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'webshop', namespace: 'default' },
    spec: { owner: 'group:default/team-webshop' },
  },
];

export const refs = entities
  .filter(e => e.kind === 'Resource')
  .map(e => `resource:default/${e.metadata.name}`);

const assessContext = createAssessContext(
  mockServices.rootConfig({ data: {} }),
);

/**
 * Handlers for the migration plugin's API in its real wire format: `POST /analyze` answers with
 * the real assessment of the fixture entities.
 */
export function migrationApiHandlers(recorded: {
  requests: Array<{
    method: string;
    path: string;
    body?: unknown;
    authorization: string | null;
  }>;
  migrations?: Map<string, Migration>;
  statuses?: Map<string, MigrationStatusResponse>;
  artifacts?: Map<string, Buffer>;
}) {
  const migrations = recorded.migrations ?? new Map();
  const record = async (request: Request, path: string) => {
    const body =
      request.method === 'POST' ? await request.clone().json() : undefined;
    recorded.requests.push({
      method: request.method,
      path,
      body,
      authorization: request.headers.get('authorization'),
    });
    return body;
  };
  return [
    http.post(`${MIGRATION_API}/analyze`, async ({ request }) => {
      const body = (await record(request, '/analyze')) as AnalyzeRequest;
      const byRef = new Map(
        entities.map(e => [
          `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
          e,
        ]),
      );
      try {
        const assessment = await analyzeSelection({
          request: body,
          entities: body.entityRefs.map(r => byRef.get(r)),
          context: assessContext,
          now: new Date('2026-11-20T10:00:00Z'),
        });
        return HttpResponse.json(assessment);
      } catch (error) {
        return HttpResponse.json(
          {
            error: { name: 'InputError', message: (error as Error).message },
            request: { method: 'POST', url: '/api/migration/analyze' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        );
      }
    }),
    http.post(`${MIGRATION_API}/migrations`, async ({ request }) => {
      const body = (await record(request, '/migrations')) as any;
      const existing = [...migrations.values()].find(
        m => (m as any).idempotencyKey === body.idempotencyKey,
      );
      if (existing) return HttpResponse.json(existing, { status: 200 });
      const now = new Date().toISOString();
      const migration = {
        id: `mig-${migrations.size + 1}`,
        title: body.title,
        status: 'running',
        sourceEnvironmentId: body.sourceEnvironmentId,
        target: body.target,
        entityRefs: body.entityRefs,
        owner: body.owner ?? 'user:default/mock',
        requestedBy: 'user:default/mock',
        options: body.options ?? {},
        gatedPhases: ['build', 'transfer'],
        progress: 0,
        createdAt: now,
        updatedAt: now,
        idempotencyKey: body.idempotencyKey,
      };
      migrations.set(migration.id, migration as unknown as Migration);
      return HttpResponse.json(migration, { status: 201 });
    }),
    http.get(
      `${MIGRATION_API}/migrations/:id/status`,
      async ({ request, params }) => {
        await record(request, `/migrations/${params.id}/status`);
        const status = recorded.statuses?.get(String(params.id));
        return status
          ? HttpResponse.json(status)
          : HttpResponse.json(
              {
                error: {
                  name: 'NotFoundError',
                  message: `No migration with id ${params.id}`,
                },
                request: { method: 'GET', url: '' },
                response: { statusCode: 404 },
              },
              { status: 404 },
            );
      },
    ),
    http.get(
      `${MIGRATION_API}/migrations/:id/artifacts/:name`,
      async ({ request, params }) => {
        await record(
          request,
          `/migrations/${params.id}/artifacts/${params.name}`,
        );
        const content = recorded.artifacts?.get(`${params.id}/${params.name}`);
        return content
          ? new HttpResponse(content, {
              headers: { 'Content-Type': 'application/zip' },
            })
          : HttpResponse.json(
              {
                error: {
                  name: 'NotFoundError',
                  message: `No artifact ${params.name}`,
                },
                request: { method: 'GET', url: '' },
                response: { statusCode: 404 },
              },
              { status: 404 },
            );
      },
    ),
  ];
}

/** A status response whose build phase has the given approval state. */
export function statusWithBuildApproval(
  migrationId: string,
  approval?: 'pending' | 'approved' | 'rejected',
): MigrationStatusResponse {
  const now = new Date().toISOString();
  return {
    migration: {
      id: migrationId,
      title: 'Move the web shop',
      status: approval === 'approved' ? 'running' : 'awaiting_approval',
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs: refs,
      owner: 'group:default/team-webshop',
      requestedBy: 'user:default/alice',
      options: {},
      gatedPhases: ['build'],
      progress: 0.4,
      createdAt: now,
      updatedAt: now,
    },
    phases: [
      {
        phase: 'build',
        status: approval === 'approved' ? 'running' : 'awaiting_approval',
        progress: 0,
        tasks: [],
        ...(approval
          ? {
              approval: {
                migrationId,
                phase: 'build',
                status: approval,
                requestedAt: now,
                ...(approval === 'pending'
                  ? {}
                  : {
                      decidedBy: 'user:default/bob',
                      decidedAt: now,
                      comment: 'ok',
                    }),
              },
            }
          : {}),
      },
    ],
    artifacts: [],
  };
}
