import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import request from 'supertest';
import { waitFor } from '../__testUtils__/engineHarness';
import { exampleEntities } from '../__testUtils__/exampleEstate';
import { quickExecutors, SECRET } from '../__testUtils__/quickExecutors';
import { onBehalfOfAuthFactory } from '../__testUtils__/onBehalfOfAuth';
import { migrationPlugin } from '../plugin';
import {
  createMigrationConditionalDecision,
  migrationConditions,
} from '../service/permissions/migrationRules';

jest.setTimeout(60_000);

const TEAM_SHOP = 'group:default/team-shop';

/** What each user may do, as a policy author writes it with the migration rules. */
const mcpPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'test-mcp-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(query, user) {
            const ref = user?.info.userEntityRef ?? '';
            const name = query.permission.name;
            const allowIf = (yes: boolean) => ({
              result: yes ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            });
            if (name === 'migration.create') {
              return allowIf(ref === 'user:default/operator');
            }
            if (!isResourcePermission(query.permission, 'migration')) {
              return allowIf(true);
            }
            if (name === 'migration.read') {
              return allowIf(ref !== 'user:default/stranger');
            }
            if (name === 'migration.approve') {
              return allowIf(ref === 'user:default/approver');
            }
            if (ref === 'user:default/reader') {
              return allowIf(false);
            }
            // migration.execute: the requester, or a member of the owning team.
            const claims =
              ref === 'user:default/teammate' ? [ref, TEAM_SHOP] : [ref];
            return createMigrationConditionalDecision(query.permission, {
              anyOf: [
                migrationConditions.isRequester({ userEntityRef: ref }),
                migrationConditions.isOwner({ claims }),
              ],
            });
          },
        });
      },
    });
  },
});

type ToolResult = {
  isError?: boolean;
  content: Array<{ type: string; text: string }>;
  structuredContent?: Record<string, any>;
};

describe('migration actions over MCP', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const clients: Client[] = [];

  beforeAll(async () => {
    const entities = await exampleEntities(name => name.startsWith('shop-'));
    ({ server } = await startTestBackend({
      features: [
        migrationPlugin,
        mcpActionsPlugin,
        quickExecutors,
        permissionBackend,
        mcpPolicy,
        permissionsServiceFactory,
        onBehalfOfAuthFactory,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: { actions: { pluginSources: ['migration'] } },
            permission: { enabled: true },
            migration: {
              environments: [
                { id: 'lab', provider: 'fake', fake: { region: 'lab-1' } },
              ],
              approvals: { phases: ['build'] },
              engine: { pollIntervalMs: 50, janitorIntervalMs: 100 },
            },
          },
        }),
      ],
    }));
  });

  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
  });

  /** An MCP client of the backend's `/api/mcp-actions/v1` endpoint, signed in as `user`. */
  async function connect(user: string) {
    const client = new Client({ name: 'migration-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(
      new URL(`http://localhost:${server.port()}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: {
            Authorization: mockCredentials.user.header(`user:default/${user}`),
          },
        },
      },
    );
    await client.connect(transport);
    clients.push(client);
    return client;
  }

  async function call(
    client: Client,
    name: string,
    args: Record<string, unknown>,
  ): Promise<ToolResult> {
    return (await client.callTool({ name, arguments: args })) as ToolResult;
  }

  async function requestMigration(title: string) {
    const res = await request(server)
      .post('/api/migration/migrations')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/operator'),
      )
      .send({
        title,
        sourceEnvironmentId: 'lab',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs: ['resource:default/dc1-shop-web-01'],
        owner: 'group:default/team-shop',
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('lists the tools with their hints, and no approve tool', async () => {
    const client = await connect('reader');
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map(t => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual([
      'migration.cancel',
      'migration.explain-failure',
      'migration.get-status',
      'migration.list',
      'migration.list-waiting-gates',
      'migration.pause',
      'migration.preview-assessment',
      'migration.request-migration',
      'migration.resume',
    ]);
    expect(byName['migration.cancel'].annotations).toMatchObject({
      destructiveHint: true,
      readOnlyHint: false,
    });
    expect(byName['migration.pause'].annotations).toMatchObject({
      destructiveHint: false,
      readOnlyHint: false,
    });
    expect(byName['migration.preview-assessment'].annotations).toMatchObject({
      readOnlyHint: true,
      idempotentHint: true,
      destructiveHint: false,
    });
    expect(byName['migration.preview-assessment'].inputSchema).toMatchObject({
      required: expect.arrayContaining(['entityRefs', 'target']),
    });
  });

  it('previews an assessment of a selection', async () => {
    const client = await connect('reader');
    const result = await call(client, 'migration.preview-assessment', {
      entityRefs: [
        'resource:default/dc1-shop-web-01',
        'resource:default/dc1-shop-db-01',
      ],
      target: { provider: 'aws', region: 'eu-west-1' },
    });
    expect(result.isError ? result.content[0].text : 'ok').toBe('ok');
    expect(result.structuredContent).toMatchObject({
      summary: { resources: 2 },
      risk: { level: expect.any(String) },
    });
    expect(result.structuredContent!.waves.length).toBeGreaterThan(0);

    const bad = await call(client, 'migration.preview-assessment', {
      entityRefs: ['no ref'],
      target: { provider: 'aws', region: 'eu-west-1' },
    });
    expect(bad.isError).toBe(true);
    expect(bad.content[0].text).toMatch(/^InputError: entityRefs\.0:/);

    const stranger = await connect('stranger');
    const refused = await call(stranger, 'migration.preview-assessment', {
      entityRefs: ['resource:default/dc1-shop-web-01'],
      target: { provider: 'aws', region: 'eu-west-1' },
    });
    expect(refused.isError).toBe(true);
    expect(refused.content[0].text).toMatch(/^NotAllowedError:/);
  });

  it('pauses, resumes and cancels as the rules allow (requester, owning team), refusing others', async () => {
    const id = await requestMigration('Slow move');
    // Refused: no migration.execute at all, or neither requester nor in the owning team.
    for (const name of ['reader', 'outsider']) {
      const refused = await call(await connect(name), 'migration.pause', {
        migrationId: id,
      });
      expect(refused).toMatchObject({
        isError: true,
        content: [
          { type: 'text', text: expect.stringMatching(/^NotAllowedError:/) },
        ],
      });
    }

    const operator = await connect('operator');
    await waitFor(async () => {
      const res = await request(server)
        .get(`/api/migration/migrations/${id}`)
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/reader'),
        );
      return res.body.status === 'running';
    });
    const paused = await call(operator, 'migration.pause', {
      migrationId: id,
      reason: 'Change freeze',
    });
    expect(paused.structuredContent).toMatchObject({
      migrationId: id,
      status: 'paused',
    });
    const resumed = await call(operator, 'migration.resume', {
      migrationId: id,
    });
    expect(resumed.structuredContent).toMatchObject({ status: 'running' });
    const again = await call(operator, 'migration.resume', { migrationId: id });
    expect(again.isError).toBe(true);
    expect(again.content[0].text).toMatch(/^ConflictError:/);
    // A member of the owning team may cancel it.
    const teammate = await connect('teammate');
    const cancelled = await call(teammate, 'migration.cancel', {
      migrationId: id,
      reason: 'Not this quarter',
    });
    expect(cancelled.structuredContent).toMatchObject({ status: 'cancelled' });

    const events = await request(server)
      .get(`/api/migration/migrations/${id}/events`)
      .set('Authorization', mockCredentials.user.header('user:default/reader'));
    expect(
      events.body.items
        .filter((e: any) => /paused|resumed|cancelled/.test(e.action))
        .map((e: any) => [e.action, e.actor]),
    ).toEqual([
      ['migration.paused', 'user:default/operator'],
      ['migration.resumed', 'user:default/operator'],
      ['migration.cancelled', 'user:default/teammate'],
    ]);
  });

  it('lists the gates the caller may decide', async () => {
    const id = await requestMigration('Gated move');
    const approver = await connect('approver');
    const gates = await waitFor(async () => {
      const result = await call(approver, 'migration.list-waiting-gates', {});
      if (result.isError) throw new Error(result.content[0].text);
      return result.structuredContent?.items.some(
        (g: any) => g.migrationId === id,
      )
        ? result.structuredContent
        : undefined;
    });
    expect(gates.items.find((g: any) => g.migrationId === id)).toEqual({
      migrationId: id,
      title: 'Gated move',
      phase: 'build',
      requestedAt: expect.any(String),
      requestedBy: 'user:default/operator',
      owner: 'group:default/team-shop',
      target: 'aws eu-west-1',
      link: `/migrations/${id}`,
    });
    // The requester may not approve (separation of duties), a reader may approve nothing.
    const operator = await connect('operator');
    expect(
      (await call(operator, 'migration.list-waiting-gates', {}))
        .structuredContent,
    ).toEqual({ items: [] });
    const reader = await connect('reader');
    expect(
      (await call(reader, 'migration.list-waiting-gates', {}))
        .structuredContent,
    ).toEqual({ items: [] });
  });

  it('explains a failure: the task, its scrubbed error, the remediation', async () => {
    const id = await requestMigration('Failing move');
    const reader = await connect('reader');
    const explained = await waitFor(async () => {
      const result = await call(reader, 'migration.explain-failure', {
        migrationId: id,
      });
      return result.structuredContent?.failed
        ? result.structuredContent
        : undefined;
    });
    expect(explained).toMatchObject({
      migrationId: id,
      status: 'failed',
      phase: 'test',
      failedTasks: [
        {
          key: 'test.check-readiness',
          title: 'Quick test.check-readiness',
          error: expect.stringContaining(
            'Cannot reach the target: password=[redacted]',
          ),
        },
      ],
      remediations: [
        {
          source: 'readiness-checks.json',
          check: 'Target reachable',
          status: 'fail',
          remediation: 'Open port 443 from the runner to the target VPC',
        },
      ],
    });
    expect(explained.nextSteps.join(' ')).toMatch(
      /retry task .* roll it back/i,
    );
    expect(JSON.stringify(explained)).not.toContain(SECRET);
  });
});
