import type { Knex } from 'knex';
import type { MigrationStore } from '../database/MigrationStore';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  stopEnginesAndCancel,
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
  });
});
