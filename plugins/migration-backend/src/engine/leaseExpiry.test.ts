import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
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

/**
 * A worker whose process dies leaves its task's lease to expire. That is not the task's fault:
 * the janitor hands the task to another worker without using up an attempt, and only a task
 * whose workers keep dying (more than `maxLeaseExpiries` times) fails.
 */
describe('tasks whose workers die', () => {
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

    /** The environment task may run once: a crash that used up its attempt would fail it. */
    function oneAttemptExecutors() {
      return countingExecutors({ environment: { maxAttempts: 1 } });
    }

    /**
     * A replica without a worker (janitor only) creates the migration; then `crashes` workers in
     * a row claim the environment task and die: they never heartbeat, their lease runs out and
     * the janitor returns it.
     */
    async function crashInARow(crashes: number, maxLeaseExpiries: number) {
      const { executors, runs } = oneAttemptExecutors();
      const janitor = createTestEngine({
        knex,
        executors,
        workerId: 'janitor',
        engine: { workerEnabled: false, maxLeaseExpiries },
      });
      running.push(janitor);
      await janitor.engine.start();
      const { migration } = await janitor.service.create(
        createRequest(),
        alice,
      );
      const task = await waitFor(
        () =>
          knex('tasks')
            .where({ migration_id: migration.id, status: 'ready' })
            .first(),
        10_000,
        'the environment task to be ready',
      );
      const db = knex;
      for (let crash = 1; crash <= crashes; crash++) {
        const claimed = await janitor.store.claimTasks({
          workerId: `doomed-${crash}`,
          limit: 1,
          leaseDurationMs: 100,
        });
        expect(claimed.map(c => [c.id, c.attempt])).toEqual([[task.id, 1]]);
        await waitFor(
          async () => {
            const row = await db('tasks').where({ id: task.id }).first();
            return row.status !== 'running' ? row : undefined;
          },
          10_000,
          `the janitor to return the lease of crash ${crash}`,
        );
      }
      return { migration, task, janitor, executors, runs };
    }

    it('completes after three crashes in a row without consuming the attempt', async () => {
      const { migration, task, executors, runs } = await crashInARow(3, 10);
      const row = await knex('tasks').where({ id: task.id }).first();
      expect(row).toMatchObject({ status: 'ready', attempts: 0 });
      expect(Number(row.lease_expiries)).toBe(3);

      const worker = createTestEngine({ knex, executors, workerId: 'alive' });
      running.push(worker);
      await worker.engine.start();
      await waitForStatus(worker.store, migration.id, 'completed');

      const done = await knex('tasks').where({ id: task.id }).first();
      expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
      expect(done.max_attempts).toBe(1);
      expect(runs.get('environment')).toBe(1);
      const expiries = (
        await worker.store.listAuditEvents(migration.id, { limit: 500 })
      ).filter(e => e.action === 'task.lease_expired');
      expect(expiries.map(e => e.detail?.leaseExpiries)).toEqual([1, 2, 3]);
    });

    it('fails with "the workers kept dying" once the lease-expiry budget is exceeded', async () => {
      const { migration, task } = await crashInARow(3, 2);
      const failed = await waitForStatus(
        createTestEngine({ knex, executors: [] }).store,
        migration.id,
        'failed',
      );
      expect(failed.statusReason).toMatch(
        /workers running it kept dying: its lease expired 3 time\(s\), more than migration\.engine\.maxLeaseExpiries \(2\)/,
      );
      const row = await knex('tasks').where({ id: task.id }).first();
      expect(row.status).toBe('failed');
    });
  });
});

/**
 * The real thing on PostgreSQL: each worker is a separate process, SIGKILLed while it runs the
 * task (so it holds the lease and never hands it back).
 */
describe('tasks whose worker processes are SIGKILLed, on PostgreSQL', () => {
  const databases = createTestDatabases(['POSTGRES_15']);
  let knex: Knex;
  const running: TestEngine[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'POSTGRES_15');
  });

  afterEach(async () => {
    children.splice(0).forEach(child => child.kill('SIGKILL'));
    await Promise.all(running.splice(0).map(e => e.stop()));
  });

  /** Starts a worker process and resolves with the task it started (the lease it now holds). */
  function startDoomedWorker(): Promise<{
    child: ChildProcess;
    taskId: string;
  }> {
    const child = spawn(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        path.resolve(__dirname, '../__testUtils__/dyingWorker.ts'),
      ],
      {
        env: {
          ...process.env,
          DYING_WORKER_CONNECTION: JSON.stringify(
            (knex.client.config as Knex.Config).connection,
          ),
          DYING_WORKER_TASK_TYPE: 'test.environment',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(child);
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', data => {
        out += data;
        const match = /started (\S+)/.exec(out);
        if (match) resolve({ child, taskId: match[1] });
      });
      child.stderr!.on('data', data => {
        err += data;
      });
      child.on('exit', code =>
        reject(new Error(`The worker process exited (${code}): ${err}`)),
      );
    });
  }

  it('completes after three worker processes were killed mid-task, the attempt unused', async () => {
    const { executors, runs } = countingExecutors({
      environment: { maxAttempts: 1 },
    });
    const janitor = createTestEngine({
      knex,
      executors,
      workerId: 'janitor',
      engine: { workerEnabled: false },
    });
    running.push(janitor);
    await janitor.engine.start();
    const { migration } = await janitor.service.create(createRequest(), alice);

    const db = knex;
    for (let kill = 1; kill <= 3; kill++) {
      const { child, taskId } = await startDoomedWorker();
      const row = await knex('tasks').where({ id: taskId }).first();
      expect(row).toMatchObject({ status: 'running', attempts: 1 });
      expect(row.lease_owner).toMatch(/^dying-/);
      expect(child.kill('SIGKILL')).toBe(true);
      await waitFor(
        async () =>
          (await db('tasks').where({ id: taskId }).first()).status === 'ready',
        15_000,
        `the janitor to return the lease of killed worker ${kill}`,
      );
    }

    const worker = createTestEngine({ knex, executors, workerId: 'alive' });
    running.push(worker);
    await worker.engine.start();
    await waitForStatus(worker.store, migration.id, 'completed', 30_000);
    const [task] = await knex('tasks').where({
      migration_id: migration.id,
      phase: 'environment',
    });
    expect(task).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(task.lease_expiries).toBe(3);
    expect(runs.get('environment')).toBe(1);
  });
});
