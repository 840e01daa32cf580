import knexFactory, { type Knex } from 'knex';
import {
  alice,
  cancelUnfinishedMigrations,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitFor,
  waitForStatus,
  type TestEngine,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

/**
 * Multi-replica behaviour that only PostgreSQL supports: several processes' workers against one
 * database, and connections killed by the server.
 */
describe('migration engine reliability on PostgreSQL', () => {
  const databases = createTestDatabases(['POSTGRES_15']);
  let admin: Knex;
  const replicas: Knex[] = [];
  const engines: TestEngine[] = [];

  beforeAll(async () => {
    admin = await initMigratedDatabase(databases, 'POSTGRES_15');
  });

  afterEach(async () => {
    await Promise.all(engines.splice(0).map(e => e.stop()));
    await Promise.all(replicas.splice(0).map(k => k.destroy()));
    await cancelUnfinishedMigrations(admin);
  });

  /** A separate connection pool to the same database, like another backend replica. */
  function replica(applicationName: string): Knex {
    const config = admin.client.config as Knex.Config;
    const knex = knexFactory({
      ...config,
      connection: {
        ...(config.connection as object),
        application_name: applicationName,
      } as Knex.PgConnectionConfig,
      pool: { min: 0, max: 5 },
    });
    replicas.push(knex);
    return knex;
  }

  /** Backends of one replica that are blocked on a lock while running `sqlFragment`. */
  async function blockedBackends(applicationName: string, sqlFragment: string) {
    const { rows } = await admin.raw(
      `select pid, query from pg_stat_activity
       where datname = current_database() and application_name = ?
         and wait_event_type = 'Lock' and query ilike ?`,
      [applicationName, `%${sqlFragment}%`],
    );
    return rows as Array<{ pid: number; query: string }>;
  }

  async function terminate(pid: number): Promise<boolean> {
    const { rows } = await admin.raw('select pg_terminate_backend(?) as ok', [
      pid,
    ]);
    return rows[0].ok === true;
  }

  it('runs each of 1,000 ready tasks exactly once across three workers', async () => {
    const runsByKey = new Map<string, number>();
    const { executors } = countingExecutors();
    const manyTasks = executors.map(e => {
      if (e.phase === 'environment') {
        return {
          ...e,
          plan: () =>
            Array.from({ length: 1000 }, (_, i) => ({
              key: `task-${i}`,
              title: `Task ${i}`,
            })),
          async run(ctx: any) {
            runsByKey.set(ctx.task.key, (runsByKey.get(ctx.task.key) ?? 0) + 1);
            return {};
          },
        };
      }
      return { ...e, plan: () => [] };
    });

    const workerIds = ['w1', 'w2', 'w3'];
    const perWorker = new Map<string, number>();
    for (const workerId of workerIds) {
      const engine = createTestEngine({
        knex: replica(workerId),
        workerId,
        executors: manyTasks.map(e =>
          e.phase === 'environment'
            ? {
                ...e,
                async run(ctx: any) {
                  perWorker.set(workerId, (perWorker.get(workerId) ?? 0) + 1);
                  return e.run(ctx);
                },
              }
            : e,
        ),
        engine: { concurrency: 8, pollIntervalMs: 20 },
      });
      engines.push(engine);
      await engine.engine.start();
    }

    const { migration } = await engines[0].service.create(
      createRequest(),
      alice,
    );
    await waitForStatus(engines[0].store, migration.id, 'completed', 90_000);

    expect(runsByKey.size).toBe(1000);
    expect([...runsByKey.values()].every(n => n === 1)).toBe(true);
    const total = [...perWorker.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(1000);
    // the work was shared
    expect([...perWorker.keys()].length).toBeGreaterThanOrEqual(2);

    const counts = await admin('tasks')
      .where({ migration_id: migration.id })
      .groupBy('status', 'attempts')
      .select('status', 'attempts')
      .count({ n: '*' });
    expect(counts).toEqual([{ status: 'succeeded', attempts: 1, n: '1000' }]);
  });

  it('starts a task that waits for 200 dependencies finishing at once on three workers', async () => {
    const finishedDeps = new Set<string>();
    let joinSaw = -1;
    const { executors } = countingExecutors();
    const fanIn = executors.map(e =>
      e.phase === 'environment'
        ? {
            ...e,
            plan: () => {
              const deps = Array.from({ length: 200 }, (_, i) => ({
                key: `dep-${i}`,
                title: `Dependency ${i}`,
              }));
              return [
                ...deps,
                {
                  key: 'join',
                  title: 'Join',
                  dependsOn: deps.map(d => d.key),
                },
              ];
            },
            async run(ctx: any) {
              if (ctx.task.key === 'join') {
                joinSaw = finishedDeps.size;
              } else {
                finishedDeps.add(ctx.task.key);
              }
              return {};
            },
          }
        : { ...e, plan: () => [] },
    );
    for (const workerId of ['f1', 'f2', 'f3']) {
      const engine = createTestEngine({
        knex: replica(workerId),
        workerId,
        executors: fanIn,
        engine: { concurrency: 8, pollIntervalMs: 20 },
      });
      engines.push(engine);
      await engine.engine.start();
    }
    const { migration } = await engines[0].service.create(
      createRequest(),
      alice,
    );
    await waitForStatus(engines[0].store, migration.id, 'completed', 60_000);
    expect(joinSaw).toBe(200);
  });

  it('recovers when its connection is terminated in the middle of a claim', async () => {
    const { executors, runs } = countingExecutors();
    const worker = createTestEngine({
      knex: replica('claimer'),
      workerId: 'claimer',
      executors,
      engine: { janitorIntervalMs: 600_000, pollIntervalMs: 20 },
    });
    engines.push(worker);
    await worker.engine.start();

    // Hold a lock the claim query needs, so the claim is caught half-way through its transaction.
    const lock = await admin.transaction();
    try {
      await lock.raw('lock table migrations in access exclusive mode');
      const [blocked] = await waitFor(
        async () => {
          const rows = await blockedBackends('claimer', 'skip locked');
          return rows.length > 0 ? rows : undefined;
        },
        10_000,
        'a claim to wait on the lock',
      );
      expect(await terminate(blocked.pid)).toBe(true);
    } finally {
      await lock.rollback();
    }

    await waitFor(
      () =>
        worker.logger.warn.mock.calls.some(([message]: any[]) =>
          /could not claim tasks/.test(message),
        ),
      10_000,
      'the failed claim to be logged',
    );

    // The loop is alive: new work (created through another replica, so only the worker's own
    // pool has seen the killed connection) is claimed and run to the end.
    const api = createTestEngine({ knex: admin, executors, workerId: 'api' });
    const { migration } = await api.service.create(createRequest(), alice);
    await waitForStatus(worker.store, migration.id, 'completed', 30_000);
    expect([...runs.values()].every(n => n === 1)).toBe(true);
    expect(runs.size).toBe(9);
  });

  it('keeps a running task alive when its connection is terminated in the middle of a heartbeat', async () => {
    let release!: () => void;
    const released = new Promise<void>(resolve => {
      release = resolve;
    });
    let started = false;
    const { executors } = countingExecutors({
      environment: {
        async run() {
          started = true;
          await released;
          return { survived: true };
        },
      },
    });
    const worker = createTestEngine({
      knex: replica('heartbeater'),
      workerId: 'heartbeater',
      executors,
      engine: {
        heartbeatIntervalMs: 100,
        leaseDurationMs: 5_000,
        janitorIntervalMs: 600_000,
      },
    });
    engines.push(worker);
    await worker.engine.start();
    const { migration } = await worker.service.create(createRequest(), alice);
    await waitFor(() => started, 10_000, 'the task to start');
    const [task] = await admin('tasks').where({
      migration_id: migration.id,
      status: 'running',
    });

    const rowLock = await admin.transaction();
    try {
      await rowLock('tasks').where({ id: task.id }).forUpdate().select('id');
      const [blocked] = await waitFor(
        async () => {
          const rows = await blockedBackends('heartbeater', 'lease_expires_at');
          return rows.length > 0 ? rows : undefined;
        },
        10_000,
        'a heartbeat to wait on the row lock',
      );
      expect(blocked.query).toMatch(/^update "tasks" set "lease_expires_at"/);
      expect(await terminate(blocked.pid)).toBe(true);
    } finally {
      await rowLock.commit();
    }

    // heartbeats go on over a new connection
    const before = await admin('tasks').where({ id: task.id }).first();
    await waitFor(
      async () => {
        const now = await admin('tasks').where({ id: task.id }).first();
        return Number(now.lease_expires_at) > Number(before.lease_expires_at);
      },
      5_000,
      'the lease to be extended again',
    );
    expect(
      worker.logger.warn.mock.calls.some(([message]: any[]) =>
        /Heartbeat of task .* failed/.test(message),
      ),
    ).toBe(true);

    release();
    await waitForStatus(worker.store, migration.id, 'completed', 30_000);
    const finished = await admin('tasks').where({ id: task.id }).first();
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 1 });
    expect(JSON.parse(finished.output)).toEqual({ survived: true });
  });
});
