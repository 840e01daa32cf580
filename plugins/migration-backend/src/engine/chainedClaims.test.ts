import type { Knex } from 'knex';
import type { MigrationStore } from '../database/MigrationStore';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  stopEnginesAndCancel,
  waitFor,
  waitForStatus,
  type TestEngine,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/** Counts how tasks reach the worker: by a claim of their own, or with a completion. */
function countingClaims() {
  const counts = { claimed: 0, chained: 0 };
  const wrap = (store: MigrationStore): MigrationStore =>
    Object.assign(Object.create(store), {
      claimTasks: async (
        options: Parameters<MigrationStore['claimTasks']>[0],
      ) => {
        const claimed = await store.claimTasks(options);
        counts.claimed += claimed.length;
        return claimed;
      },
      completeTask: async (
        options: Parameters<MigrationStore['completeTask']>[0],
      ) => {
        const outcome = await store.completeTask(options);
        counts.chained += outcome?.claimed?.length ?? 0;
        return outcome;
      },
    });
  return { counts, wrap };
}

describe('a worker takes its next task with the completion of the last', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    const running: TestEngine[] = [];

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
    });

    afterEach(async () => {
      await stopEnginesAndCancel(running, knex);
    });

    it('runs every task exactly once, most of a busy phase without a claim of their own', async () => {
      const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
      const ran: string[] = [];
      const { executors, runs } = countingExecutors({
        environment: {
          plan: () => keys.map(key => ({ key, title: `Task ${key}` })),
          async run(ctx) {
            ran.push(ctx.task.key);
            return { key: ctx.task.key };
          },
        },
      });
      const { counts, wrap } = countingClaims();
      const a = createTestEngine({
        knex,
        executors,
        engine: { concurrency: 1 },
        wrapStore: wrap,
      });
      running.push(a);
      await a.engine.start();
      const { migration } = await a.service.create(createRequest(), alice);
      await waitForStatus(a.store, migration.id, 'completed');

      expect(ran.sort()).toEqual(keys);
      expect([...runs.values()]).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
      // 6 environment tasks and one per later phase, each claimed once.
      expect(counts.claimed + counts.chained).toBe(14);
      // With one slot, every environment task after the first came with a completion.
      expect(counts.chained).toBeGreaterThanOrEqual(keys.length - 1);
      const events = await a.store.listAuditEvents(migration.id, {
        limit: 500,
      });
      const started = events.filter(e => e.action === 'task.started');
      expect(started).toHaveLength(14);
      expect(new Set(started.map(e => e.taskId)).size).toBe(14);
    });

    it('runs a task claimed by a completion whose worker then died, once its lease expired', async () => {
      const ran: string[] = [];
      const { executors } = countingExecutors({
        environment: {
          plan: () => ['a', 'b'].map(key => ({ key, title: `Task ${key}` })),
          async run(ctx) {
            ran.push(ctx.task.key);
            return {};
          },
        },
      });
      const janitor = createTestEngine({
        knex,
        executors,
        workerId: 'janitor',
        engine: { workerEnabled: false },
      });
      running.push(janitor);
      await janitor.engine.start();
      const { migration } = await janitor.service.create(
        createRequest(),
        alice,
      );
      const store = janitor.store;
      const [a] = await waitFor(async () => {
        const claimed = await store.claimTasks({
          workerId: 'doomed',
          limit: 1,
          leaseDurationMs: 10_000,
        });
        return claimed.length > 0 ? claimed : undefined;
      });
      // The doomed worker records a's result, takes b with it, and dies before running b.
      const outcome = await store.completeTask({
        taskId: a.id,
        leaseToken: a.leaseToken,
        output: { by: 'doomed' },
        audit: { actor: 'test', action: 'task.succeeded' },
        claimNext: { workerId: 'doomed', limit: 1, leaseDurationMs: 100 },
      });
      const [b] = outcome!.claimed!;
      expect([a.key, b.key]).toEqual(['a', 'b']);

      const alive = createTestEngine({ knex, executors, workerId: 'alive' });
      running.push(alive);
      await alive.engine.start();
      await waitForStatus(alive.store, migration.id, 'completed');

      expect(ran).toEqual(['b']);
      const row = await knex('tasks').where({ id: b.id }).first();
      expect(row).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(Number(row.lease_expiries)).toBe(1);
      const output = await alive.store.getTaskPayload(a.id);
      expect(output?.output).toEqual({ by: 'doomed' });
    });
  });
});
