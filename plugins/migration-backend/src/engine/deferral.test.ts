import { AuthenticationError } from '@backstage/errors';
import {
  TaskDeferral,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
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

describe('tasks that wait (TaskDeferral)', () => {
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

    async function start(options: Parameters<typeof createTestEngine>[0]) {
      const engine = createTestEngine(options);
      running.push(engine);
      await engine.engine.start();
      return engine;
    }

    it('runs a deferred task again at its time without counting attempts, keeping the reason as its message', async () => {
      const runs: Array<{ at: number; attempt: number }> = [];
      let released!: () => void;
      const gate = new Promise<void>(resolve => {
        released = resolve;
      });
      const { executors } = countingExecutors({
        specify: {
          // One attempt only: a deferral that counted would fail the task.
          maxAttempts: 1,
          async run(ctx: TaskContext) {
            runs.push({ at: Date.now(), attempt: ctx.task.attempt });
            if (runs.length === 1) {
              throw new TaskDeferral({
                delayMs: 400,
                reason: 'Replication of web-01 is not healthy yet (lag 900 s)',
              });
            }
            if (runs.length === 2) {
              await gate;
              throw new TaskDeferral({
                until: new Date(Date.now() + 200),
                reason: 'Waiting for the maintenance window',
              });
            }
            return { runs: runs.length };
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);

      const specify = async () =>
        (await a.store.getPhases(migration.id)).find(
          p => p.phase === 'specify',
        )!.tasks[0];
      const waiting = await waitFor(
        async () => {
          // Counted before the read: a row read before the first claim is not the deferred one.
          const ran = runs.length;
          const task = await specify();
          return task?.status === 'ready' && ran === 1 ? task : undefined;
        },
        10_000,
        'the deferred task',
      );
      expect(waiting).toMatchObject({
        status: 'ready',
        attempts: 0,
        message: 'Replication of web-01 is not healthy yet (lag 900 s)',
      });
      expect(Date.parse(waiting.nextAttemptAt!)).toBeGreaterThan(
        runs[0].at + 200,
      );
      released();

      const done = await waitForStatus(a.store, migration.id, 'completed');
      expect(done.status).toBe('completed');
      expect(runs.map(r => r.attempt)).toEqual([1, 1, 1]);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(350);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(150);
      const events = await a.service.listEvents(migration.id, {
        limit: 1000,
      });
      expect(
        events
          .filter(e => e.action === 'task.deferred')
          .map(e => (e.detail as { reason: string }).reason),
      ).toEqual([
        'Replication of web-01 is not healthy yet (lag 900 s)',
        'Waiting for the maintenance window',
      ]);
      expect(
        events.filter(e => e.action === 'task.retry_scheduled'),
      ).toHaveLength(0);
    });

    it('frees the worker while a task waits: other tasks run meanwhile', async () => {
      const order: string[] = [];
      let deferred = false;
      const { executors } = countingExecutors({
        plan: {
          plan: () => [
            { key: 'slow', title: 'Waits for a job' },
            { key: 'quick', title: 'Independent work' },
          ],
          async run(ctx: TaskContext) {
            if (ctx.task.key === 'slow' && !deferred) {
              deferred = true;
              order.push('slow waits');
              throw new TaskDeferral({ delayMs: 700, reason: 'Job running' });
            }
            order.push(`${ctx.task.key} done`);
            return {};
          },
        },
      });
      const a = await start({ knex, executors, engine: { concurrency: 1 } });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitForStatus(a.store, migration.id, 'completed');
      expect(order).toEqual(['slow waits', 'quick done', 'slow done']);
    });

    it('never retries rejected credentials', async () => {
      let calls = 0;
      const { executors } = countingExecutors({
        specify: {
          maxAttempts: 3,
          async run() {
            calls++;
            throw new AuthenticationError(
              'AWS rejected the credentials for mgn:DescribeSourceServers: ExpiredTokenException',
            );
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      const failed = await waitForStatus(a.store, migration.id, 'failed');
      expect(calls).toBe(1);
      expect(failed.statusReason).toContain('ExpiredTokenException');
    });
  });
});
