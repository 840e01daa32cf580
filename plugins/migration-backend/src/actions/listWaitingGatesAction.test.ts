import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
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

describe('migration:list-waiting-gates', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  it('lists the gates the caller may approve, not their own requests nor the excluded ones', async () => {
    const denied = new Set<string>();
    const { registry, engine } = setUpActions({
      knex,
      allowed: ['migration.read', 'migration.approve'],
      executors: countingExecutors().executors,
      gatedPhases: ['build'],
      decide: r =>
        r.permission.name === 'migration.approve' &&
        denied.has(r.resourceRef ?? '')
          ? false
          : undefined,
    });
    const first = await engine.service.create(createRequest(), alice);
    const second = await engine.service.create(
      createRequest({ title: 'Second move' }),
      alice,
    );
    await engine.engine.start();
    await waitForStatus(engine.store, first.migration.id, 'awaiting_approval');
    await waitForStatus(engine.store, second.migration.id, 'awaiting_approval');
    denied.add(second.migration.id);

    const bob = mockCredentials.user('user:default/bob');
    const { output } = await registry.invoke({
      id: 'test:list-waiting-gates',
      credentials: bob,
      input: {},
    });
    expect((output as any).items).toEqual([
      {
        migrationId: first.migration.id,
        title: 'Move the webshop',
        phase: 'build',
        requestedAt: expect.any(String),
        requestedBy: 'user:default/alice',
        owner: 'user:default/alice',
        target: 'aws eu-west-1',
        link: `/migrations/${first.migration.id}`,
      },
    ]);

    // Separation of duties: alice requested both.
    const own = await registry.invoke({
      id: 'test:list-waiting-gates',
      credentials: mockCredentials.user(alice.ref),
      input: {},
    });
    expect(own.output).toEqual({ items: [] });
    await engine.stop();
  });

  it('lists nothing without migration.approve and refuses without migration.read', async () => {
    const reader = setUpActions({ knex, allowed: ['migration.read'] });
    const { migration } = await reader.engine.service.create(
      createRequest(),
      alice,
    );
    const credentials = mockCredentials.user('user:default/bob');
    expect(
      (
        await reader.registry.invoke({
          id: 'test:list-waiting-gates',
          credentials,
          input: {},
        })
      ).output,
    ).toEqual({ items: [] });
    await reader.engine.service.cancel(migration.id, alice);
    const nobody = setUpActions({ knex, allowed: [] });
    await expect(
      nobody.registry.invoke({
        id: 'test:list-waiting-gates',
        credentials,
        input: {},
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});
