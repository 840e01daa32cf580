import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import {
  countingExecutors,
  createTestEngine,
  waitForStatus,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { registerMigrationActions } from './registerMigrationActions';

describe('migration actions', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  function setup(allowed: string[]) {
    const { executors } = countingExecutors();
    const engine = createTestEngine({ knex, executors });
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => ({
          result: allowed.includes(r.permission.name)
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
        })) as any,
    });
    const registry = actionsRegistryServiceMock();
    registerMigrationActions({
      actionsRegistry: registry,
      service: engine.service,
      permissions,
      auth: mockServices.auth(),
    });
    return { registry, engine, permissions };
  }

  const credentials = mockCredentials.user('user:default/agent-user');

  it('registers list, get-status and request-migration for the MCP endpoint', async () => {
    const { registry } = setup([]);
    const { actions } = await registry.list();
    // Not `create`: the scaffolder lists registry actions as template actions too, and
    // `migration:create` is the scaffolder module's own.
    expect(actions.map(a => a.name).sort()).toEqual([
      'get-status',
      'list',
      'request-migration',
    ]);
    expect(actions.find(a => a.name === 'list')?.attributes.readOnly).toBe(
      true,
    );
    expect(
      actions.find(a => a.name === 'request-migration')?.attributes.readOnly,
    ).toBe(false);
  });

  it('creates, lists and reports status with the caller as actor', async () => {
    const { registry, engine, permissions } = setup([
      'migration.create',
      'migration.read',
    ]);
    const created = await registry.invoke({
      id: 'test:request-migration',
      credentials,
      input: {
        title: 'Agent-requested move',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'gcp', region: 'europe-west1' },
        entityRefs: ['resource:default/web-01'],
      },
    });
    const { migrationId } = created.output as { migrationId: string };
    expect(created.output).toMatchObject({ status: 'running', created: true });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: expect.objectContaining({ name: 'migration.create' }) }],
      { credentials },
    );
    await engine.engine.start();
    await waitForStatus(engine.store, migrationId, 'completed');

    const list = await registry.invoke({
      id: 'test:list',
      credentials,
      input: { status: ['completed'], entityRef: 'resource:default/web-01' },
    });
    expect((list.output as any).items.map((m: any) => m.id)).toContain(
      migrationId,
    );

    const status = await registry.invoke({
      id: 'test:get-status',
      credentials,
      input: { migrationId },
    });
    expect(status.output).toMatchObject({
      migration: {
        id: migrationId,
        requestedBy: 'user:default/agent-user',
        status: 'completed',
      },
    });
    expect((status.output as any).phases).toHaveLength(9);
    await engine.stop();
  });

  it('refuses callers without the permission', async () => {
    const { registry } = setup(['migration.read']);
    await expect(
      registry.invoke({
        id: 'test:request-migration',
        credentials,
        input: {
          title: 'x',
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs: ['resource:default/web-01'],
        },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const denied = setup([]);
    await expect(
      denied.registry.invoke({ id: 'test:list', credentials, input: {} }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    await expect(
      denied.registry.invoke({
        id: 'test:get-status',
        credentials,
        input: { migrationId: 'x' },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });

  it('validates create input like the REST API', async () => {
    const { registry } = setup(['migration.create']);
    await expect(
      registry.invoke({
        id: 'test:request-migration',
        credentials,
        input: {
          title: 'x',
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs: ['no ref'],
        },
      }),
    ).rejects.toThrow(/entityRefs\.0: "no ref" is not an entity ref/);
  });
});
