import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import type { Knex } from 'knex';
import { waitForStatus } from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { setUpActions } from './__testUtils__/actionsHarness';

describe('migration actions', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  function setup(allowed: string[]) {
    return setUpActions({ knex, allowed });
  }

  const credentials = mockCredentials.user('user:default/agent-user');

  it('registers the actions for the MCP endpoint, with no approve action', async () => {
    const { registry } = setup([]);
    const { actions } = await registry.list();
    // Not `create`: the scaffolder lists registry actions as template actions too, and
    // `migration:create` is the scaffolder module's own.
    expect(actions.map(a => a.name).sort()).toEqual([
      'cancel',
      'explain-failure',
      'get-status',
      'list',
      'list-waiting-gates',
      'pause',
      'preview-assessment',
      'request-migration',
      'resume',
    ]);
    const attributes = Object.fromEntries(
      actions.map(a => [a.name, a.attributes]),
    );
    for (const name of [
      'list',
      'get-status',
      'preview-assessment',
      'list-waiting-gates',
      'explain-failure',
    ]) {
      expect(attributes[name]).toEqual({
        readOnly: true,
        idempotent: true,
        destructive: false,
      });
    }
    expect(attributes['request-migration'].readOnly).toBe(false);
    expect(attributes.pause).toEqual({
      readOnly: false,
      idempotent: false,
      destructive: false,
    });
    expect(attributes.resume.destructive).toBe(false);
    expect(attributes.cancel).toEqual({
      readOnly: false,
      idempotent: false,
      destructive: true,
    });
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
