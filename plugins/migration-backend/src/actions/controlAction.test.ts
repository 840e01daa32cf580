import { mockCredentials } from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { Knex } from 'knex';
import {
  alice,
  countingExecutors,
  createRequest,
  waitForStatus,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { setUpActions } from './__testUtils__/actionsHarness';

describe('migration:pause, migration:resume, migration:cancel', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  const credentials = mockCredentials.user('user:default/operator');

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  /** A migration whose environment task runs until it is stopped. */
  async function runningMigration(
    allowed: string[],
    denied = new Set<string>(),
  ) {
    const { executors } = countingExecutors({
      environment: {
        run: ctx =>
          new Promise((_, reject) =>
            ctx.signal.addEventListener('abort', () =>
              reject(new Error('stopped')),
            ),
          ),
      },
    });
    const setup = setUpActions({
      knex,
      allowed,
      executors,
      decide: r => (denied.has(r.resourceRef ?? '') ? false : undefined),
    });
    const { migration } = await setup.engine.service.create(
      createRequest(),
      alice,
    );
    await setup.engine.engine.start();
    return { ...setup, id: migration.id };
  }

  it('pause, resume and cancel with the caller as actor and the reason in the audit trail', async () => {
    const { registry, engine, permissions, id } = await runningMigration([
      'migration.execute',
    ]);
    const pause = await registry.invoke({
      id: 'test:pause',
      credentials,
      input: { migrationId: id, reason: 'Change freeze' },
    });
    expect(pause.output).toMatchObject({ migrationId: id, status: 'paused' });
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({ name: 'migration.execute' }),
          resourceRef: id,
        },
      ],
      { credentials },
    );
    await expect(
      registry.invoke({
        id: 'test:pause',
        credentials,
        input: { migrationId: id },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    const resume = await registry.invoke({
      id: 'test:resume',
      credentials,
      input: { migrationId: id },
    });
    expect(resume.output).toMatchObject({ status: 'running' });
    const cancel = await registry.invoke({
      id: 'test:cancel',
      credentials,
      input: { migrationId: id, reason: 'Not this quarter' },
    });
    expect(cancel.output).toMatchObject({ status: 'cancelled' });
    await waitForStatus(engine.store, id, 'cancelled');

    const events = await engine.store.listAuditEvents(id, { limit: 100 });
    expect(
      events
        .filter(e => /paused|resumed|cancelled/.test(e.action))
        .map(e => [e.action, e.actor, e.detail?.reason]),
    ).toEqual([
      ['migration.paused', 'user:default/operator', 'Change freeze'],
      ['migration.resumed', 'user:default/operator', undefined],
      ['migration.cancelled', 'user:default/operator', 'Not this quarter'],
    ]);
    await engine.stop();
  });

  it('refuses a caller without migration.execute on that migration', async () => {
    const reader = await runningMigration(['migration.read']);
    for (const control of ['pause', 'resume', 'cancel']) {
      await expect(
        reader.registry.invoke({
          id: `test:${control}`,
          credentials,
          input: { migrationId: reader.id },
        }),
      ).rejects.toBeInstanceOf(NotAllowedError);
    }
    await reader.engine.engine.stop();
    await reader.engine.service.cancel(reader.id, alice);

    // Allowed in general, but the policy's conditions exclude this migration.
    const denied = new Set<string>();
    const excluded = await runningMigration(['migration.execute'], denied);
    denied.add(excluded.id);
    await expect(
      excluded.registry.invoke({
        id: 'test:cancel',
        credentials,
        input: { migrationId: excluded.id },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
    expect((await excluded.engine.service.get(excluded.id)).status).toBe(
      'running',
    );
    await excluded.engine.engine.stop();
    await excluded.engine.service.cancel(excluded.id, alice);
  });
});
