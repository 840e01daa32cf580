import { NotAllowedError, ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { MigrationStore } from '../database/MigrationStore';
import {
  alice,
  bob,
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
import { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';

jest.setTimeout(60_000);

describe('migration engine', () => {
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

    it('runs all nine phases to completed, stopping for approval at gated phases', async () => {
      const { executors, runs } = countingExecutors();
      const a = await start({
        knex,
        executors,
        gatedPhases: ['build', 'transfer'],
      });

      const { migration, created } = await a.service.create(
        createRequest(),
        alice,
      );
      expect(created).toBe(true);
      expect(migration.gatedPhases).toEqual(['build', 'transfer']);

      const waiting = await waitForStatus(
        a.store,
        migration.id,
        'awaiting_approval',
      );
      expect(waiting.currentPhase).toBe('build');
      expect([...runs.keys()]).toEqual([
        'environment',
        'plan',
        'specify',
        'test',
      ]);

      // separation of duties: the requester cannot approve
      await expect(
        a.service.decide(
          migration.id,
          'build',
          { decision: 'approve', comment: 'mine' },
          alice,
        ),
      ).rejects.toBeInstanceOf(NotAllowedError);

      const approval = await a.service.decide(
        migration.id,
        'build',
        { decision: 'approve', comment: 'Capacity reserved' },
        bob,
      );
      expect(approval).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
      });
      await expect(
        a.service.decide(
          migration.id,
          'build',
          { decision: 'approve', comment: 'twice' },
          bob,
        ),
      ).rejects.toBeInstanceOf(ConflictError);

      await waitFor(async () => {
        const m = await a.store.getMigration(migration.id);
        return (
          m?.status === 'awaiting_approval' && m.currentPhase === 'transfer'
        );
      });
      await a.service.decide(
        migration.id,
        'transfer',
        { decision: 'approve', comment: 'Window agreed' },
        bob,
      );
      const done = await waitForStatus(a.store, migration.id, 'completed');
      expect(done.progress).toBe(1);
      expect(done.completedAt).toBeDefined();
      expect([...runs.values()]).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1]);

      const status = await a.service.status(migration.id);
      expect(status.phases.every(p => p.status === 'succeeded')).toBe(true);
      expect(status.phases[4].approval).toMatchObject({
        status: 'approved',
        comment: 'Capacity reserved',
      });

      const actions = (
        await a.service.listEvents(migration.id, { limit: 1000 })
      ).map(e => `${e.action}${e.phase ? `:${e.phase}` : ''}`);
      expect(actions[0]).toBe('migration.created');
      expect(actions).toContain('phase.awaiting_approval:build');
      expect(actions).toContain('phase.approved:build');
      expect(actions).toContain('task.succeeded:support');
      expect(actions.at(-1)).toBe('migration.completed');
      const approvedBy = (
        await a.service.listEvents(migration.id, { limit: 1000 })
      ).find(e => e.action === 'phase.approved');
      expect(approvedBy?.actor).toBe('user:default/bob');

      // every change was signalled with the migration id
      const signals = a.signals.published.filter(
        s => s.migrationId === migration.id,
      );
      expect(signals.map(s => s.type)).toEqual(
        expect.arrayContaining(['migration', 'phase', 'task', 'approval']),
      );
      expect(signals.at(-1)).toEqual({
        migrationId: migration.id,
        type: 'migration',
        status: 'completed',
      });
    });

    it('keeps an approval pending across a restart and never re-runs a finished phase', async () => {
      const { executors, runs } = countingExecutors();
      const first = await start({ knex, executors, gatedPhases: ['build'] });
      const { migration } = await first.service.create(createRequest(), alice);
      await waitForStatus(first.store, migration.id, 'awaiting_approval');
      await first.stop();

      // a new process over the same database
      const second = await start({ knex, executors, gatedPhases: ['build'] });
      await second.engine.janitor.runOnce();
      const pending = await second.service.listApprovals('pending');
      expect(pending.find(p => p.migrationId === migration.id)).toMatchObject({
        phase: 'build',
        status: 'pending',
      });
      expect((await second.store.getMigration(migration.id))?.status).toBe(
        'awaiting_approval',
      );
      await second.service.decide(
        migration.id,
        'build',
        { decision: 'approve', comment: 'go' },
        bob,
      );
      await waitForStatus(second.store, migration.id, 'completed');
      expect(Object.fromEntries(runs)).toEqual({
        environment: 1,
        plan: 1,
        specify: 1,
        test: 1,
        build: 1,
        transfer: 1,
        validate: 1,
        optimize: 1,
        support: 1,
      });
    });

    it('rehearses by default unless a configured target environment gives credentials', async () => {
      const { executors } = countingExecutors();
      const a = await start({ knex, executors, gatedPhases: ['build'] });
      const plain = await a.service.create(createRequest(), alice);
      expect(plain.migration.options.rehearsal).toBe(true);
      const withTarget = await a.service.create(
        createRequest({
          target: {
            provider: 'aws',
            region: 'eu-west-1',
            environmentId: 'aws-prod',
          },
        }),
        alice,
      );
      expect(withTarget.migration.options.rehearsal).toBe(false);
      const chosen = await a.service.create(
        createRequest({ options: { rehearsal: false } }),
        alice,
      );
      expect(chosen.migration.options.rehearsal).toBe(false);
      const audit = await a.store.listAuditEvents(plain.migration.id, {
        limit: 1,
      });
      expect(audit[0].detail).toMatchObject({ rehearsal: true });

      await expect(
        a.service.create(
          createRequest({
            target: {
              provider: 'azure',
              region: 'westeurope',
              environmentId: 'aws-prod',
            },
          }),
          alice,
        ),
      ).rejects.toThrow(
        'target.environmentId: environment "aws-prod" is aws, not azure',
      );
    });

    it('fails the migration with the reason when a gate is rejected', async () => {
      const { executors, runs } = countingExecutors();
      const a = await start({ knex, executors, gatedPhases: ['build'] });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitForStatus(a.store, migration.id, 'awaiting_approval');
      // the requester may reject (it only stops their own request)
      await a.service.decide(
        migration.id,
        'build',
        { decision: 'reject', comment: 'Change freeze' },
        alice,
      );
      const failed = await waitForStatus(a.store, migration.id, 'failed');
      expect(failed.statusReason).toBe(
        'The build phase was rejected by user:default/alice: Change freeze',
      );
      expect(runs.get('build')).toBeUndefined();
    });

    it('resumes a task on another worker after a crash without repeating its checkpointed side effect', async () => {
      let sideEffects = 0;
      let releaseCrashed!: () => void;
      const crashedFinished = new Promise<void>(resolve => {
        releaseCrashed = resolve;
      });
      const createResource = (ctx: any) =>
        ctx.checkpoint({
          key: 'create-resource',
          fn: async () => {
            sideEffects++;
            return `res-${sideEffects}`;
          },
        });
      const { executors } = countingExecutors({
        environment: {
          async run(ctx) {
            const resourceId = await createResource(ctx);
            return { resourceId, attempt: ctx.task.attempt };
          },
        },
      });
      let crashed = false;
      const dead = (store: MigrationStore): MigrationStore =>
        new Proxy(store, {
          get(target, prop, receiver) {
            const value = Reflect.get(target, prop, receiver);
            if (
              typeof value === 'function' &&
              ['heartbeat', 'claimTasks'].includes(String(prop))
            ) {
              return async (...args: unknown[]) => {
                if (crashed) {
                  throw new Error('connection terminated');
                }
                return value.apply(target, args);
              };
            }
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });

      const hangingExecutors = executors.map(e =>
        e.phase === 'environment'
          ? {
              ...e,
              async run(ctx: any) {
                const resourceId = await createResource(ctx);
                // the process dies here: no heartbeat, no claims, no result yet
                crashed = true;
                await crashedFinished;
                return { resourceId, attempt: ctx.task.attempt, late: true };
              },
            }
          : e,
      );

      const a = await start({
        knex,
        executors: hangingExecutors,
        wrapStore: dead,
        workerId: 'crashing',
      });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitFor(() => crashed, 10_000, 'the first attempt to crash');

      // a healthy replica takes over once the lease expires
      const b = await start({ knex, executors, workerId: 'healthy' });
      await waitForStatus(b.store, migration.id, 'completed', 20_000);
      expect(sideEffects).toBe(1);

      // the crash was the worker's, not the task's: the attempt was given back
      const env = (await b.store.getPhases(migration.id))[0].tasks[0];
      expect(env.attempts).toBe(1);
      expect(await b.store.getTaskPayload(env.id)).toMatchObject({
        output: { resourceId: 'res-1', attempt: 1 },
      });

      // the crashed worker's late result is rejected
      releaseCrashed();
      await waitFor(() => a.engine.worker.runningCount === 0);
      expect((await b.store.getTaskPayload(env.id))?.output).toEqual({
        resourceId: 'res-1',
        attempt: 1,
      });
      const actions = (
        await b.service.listEvents(migration.id, { limit: 1000 })
      ).map(e => e.action);
      expect(actions).toContain('task.lease_expired');
    });

    it('fires the abort signal of a task whose lease was lost and discards its result', async () => {
      let aborted = false;
      let started = false;
      const { executors } = countingExecutors({
        environment: {
          async run(ctx) {
            started = true;
            await new Promise<void>(resolve => {
              ctx.signal.addEventListener('abort', () => {
                aborted = true;
                resolve();
              });
            });
            return { lateResult: true };
          },
        },
      });
      const a = await start({ knex, executors, workerId: 'loser' });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitFor(() => started, 10_000, 'the task to start');
      // another replica took the task over (the lease expired and was re-claimed)
      await knex('tasks')
        .where({ migration_id: migration.id, status: 'running' })
        .update({ lease_owner: 'someone-else/123' });
      await waitFor(() => aborted, 5_000, 'the abort signal');
      await waitFor(() => a.engine.worker.runningCount === 0);
      const task = (await a.store.getPhases(migration.id))[0].tasks[0];
      expect(task.status).not.toBe('succeeded');
      expect((await a.store.getTaskPayload(task.id))?.output).toBeUndefined();
      const events = await a.service.listEvents(migration.id, { limit: 1000 });
      expect(events.filter(e => e.action === 'task.succeeded')).toEqual([]);
    });

    it('aborts a long task within 2 s of a cancel, on this replica and on another', async () => {
      for (const where of ['local', 'remote'] as const) {
        let startedAt = 0;
        let abortedAt = 0;
        const { executors } = countingExecutors({
          environment: {
            async run(ctx) {
              startedAt = Date.now();
              await new Promise<void>(resolve =>
                ctx.signal.addEventListener('abort', () => {
                  abortedAt = Date.now();
                  resolve();
                }),
              );
              throw ctx.signal.reason;
            },
          },
        });
        // default heartbeat (1 s) on the worker that runs the task
        const worker = await start({
          knex,
          executors,
          engine: { heartbeatIntervalMs: 1_000, leaseDurationMs: 15_000 },
        });
        const caller =
          where === 'local'
            ? worker
            : createTestEngine({ knex, executors, workerId: 'api-only' });
        const { migration } = await caller.service.create(
          createRequest(),
          alice,
        );
        await waitFor(() => startedAt > 0, 10_000, 'the task to start');
        const cancelledAt = Date.now();
        const cancelled = await caller.service.cancel(
          migration.id,
          alice,
          'wrong target',
        );
        expect(cancelled.status).toBe('cancelled');
        await waitFor(() => abortedAt > 0, 3_000, `the ${where} abort`);
        expect(abortedAt - cancelledAt).toBeLessThan(2_000);
        const task = (await worker.store.getPhases(migration.id))[0].tasks[0];
        expect(task.status).toBe('cancelled');
        expect(cancelled.statusReason).toBe(
          'Cancelled by user:default/alice: wrong target',
        );
        await worker.stop();
      }
    });

    it('pauses (running tasks finish, nothing new starts) and resumes', async () => {
      let release!: () => void;
      const gate = new Promise<void>(resolve => {
        release = resolve;
      });
      const { executors, runs } = countingExecutors({
        environment: {
          async run() {
            runs.set('environment', 1);
            await gate;
            return {};
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitFor(() => runs.get('environment'));
      const paused = await a.service.pause(migration.id, alice);
      expect(paused.status).toBe('paused');
      release();
      await waitFor(async () => {
        const phases = await a.store.getPhases(migration.id);
        return phases[0].tasks[0]?.status === 'succeeded';
      });
      await new Promise(resolve => setTimeout(resolve, 400));
      expect(runs.get('plan')).toBeUndefined();
      expect((await a.store.getMigration(migration.id))?.status).toBe('paused');
      await expect(a.service.pause(migration.id, alice)).rejects.toBeInstanceOf(
        ConflictError,
      );

      await a.service.resume(migration.id, alice);
      await waitForStatus(a.store, migration.id, 'completed');
      await expect(
        a.service.resume(migration.id, alice),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('retries with back-off up to the task type maximum, then lets a user retry', async () => {
      let calls = 0;
      const { executors } = countingExecutors({
        specify: {
          maxAttempts: 2,
          async run() {
            calls++;
            if (calls <= 2) {
              throw new Error(`quota exceeded (${calls})`);
            }
            return { calls };
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      const failed = await waitForStatus(a.store, migration.id, 'failed');
      expect(failed.statusReason).toMatch(
        /Task "Work of specify" failed after 2 attempt\(s\): quota exceeded \(2\)/,
      );
      const task = (await a.store.getPhases(migration.id))[2].tasks[0];
      expect(task).toMatchObject({ status: 'failed', attempts: 2 });
      const actions = (
        await a.service.listEvents(migration.id, { limit: 1000 })
      ).map(e => e.action);
      expect(actions.filter(x => x === 'task.retry_scheduled')).toHaveLength(1);

      const retried = await a.service.retryTask(migration.id, task.id, bob);
      expect(retried.status).toBe('ready');
      await waitForStatus(a.store, migration.id, 'completed');
      expect(calls).toBe(3);
    });

    it('fails at once on a permanent error', async () => {
      let calls = 0;
      const { executors } = countingExecutors({
        plan: {
          async run() {
            calls++;
            throw new PermanentTaskError(
              'resource:default/ghost is not in the catalog',
            );
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      const failed = await waitForStatus(a.store, migration.id, 'failed');
      expect(calls).toBe(1);
      expect(failed.statusReason).toContain('ghost is not in the catalog');
    });

    it('rolls back completed tasks in reverse order through their compensate steps', async () => {
      const undone: string[] = [];
      const compensating = (phase: string) => ({
        async compensate(ctx: any) {
          undone.push(
            `${phase}:${JSON.stringify(ctx.task.compensates.output)}`,
          );
          return { undone: phase };
        },
      });
      const { executors } = countingExecutors({
        build: compensating('build'),
        transfer: compensating('transfer'),
        environment: compensating('environment'),
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitForStatus(a.store, migration.id, 'completed');
      await expect(
        a.service.resume(migration.id, alice),
      ).rejects.toBeInstanceOf(ConflictError);

      const rolling = await a.service.rollback(
        migration.id,
        bob,
        'tests failed',
      );
      expect(rolling.status).toBe('rolling_back');
      await waitForStatus(a.store, migration.id, 'rolled_back');
      expect(undone).toEqual([
        'transfer:{"phase":"transfer"}',
        'build:{"phase":"build"}',
        'environment:{"phase":"environment"}',
      ]);
      const phases = await a.store.getPhases(migration.id);
      expect(phases.find(p => p.phase === 'build')?.status).toBe('rolled_back');
      expect(phases.find(p => p.phase === 'plan')?.status).toBe('succeeded');
      await expect(
        a.service.rollback(migration.id, bob),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('fails the migration when planning a phase fails or its tasks form a cycle', async () => {
      const { executors } = countingExecutors({
        specify: {
          plan: () => [
            { key: 'x', title: 'X', dependsOn: ['y'] },
            { key: 'y', title: 'Y', dependsOn: ['x'] },
          ],
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      const failed = await waitForStatus(a.store, migration.id, 'failed');
      expect(failed.statusReason).toBe(
        'Planning the specify phase failed: The tasks of phase specify depend on each other in a cycle: x, y',
      );
    });

    it('plans lazily: a phase plans from the artifacts of earlier phases', async () => {
      const { executors, runs } = countingExecutors({
        plan: {
          async run(ctx) {
            await ctx.artifacts.put('waves.json', {
              waves: ['w1', 'w2', 'w3'],
            });
            return {};
          },
        },
        transfer: {
          async plan(ctx) {
            const plan = await ctx.artifacts.getJson<{ waves: string[] }>(
              'waves.json',
            );
            return (plan?.waves ?? []).map((wave, i, all) => ({
              key: `transfer.${wave}`,
              title: `Transfer ${wave}`,
              input: { wave },
              dependsOn: i > 0 ? [`transfer.${all[i - 1]}`] : [],
            }));
          },
          async run(ctx) {
            runs.set(
              `transfer.${ctx.task.input.wave}`,
              (runs.get('transfer') ?? 0) + 1,
            );
            await ctx.progress(0.5, `moving ${ctx.task.input.wave}`);
            return {};
          },
        },
      });
      const a = await start({ knex, executors });
      const { migration } = await a.service.create(createRequest(), alice);
      await waitForStatus(a.store, migration.id, 'completed');
      const transfer = (await a.store.getPhases(migration.id)).find(
        p => p.phase === 'transfer',
      )!;
      expect(transfer.tasks.map(t => [t.key, t.dependsOn])).toEqual([
        ['transfer.w1', []],
        ['transfer.w2', ['transfer.w1']],
        ['transfer.w3', ['transfer.w2']],
      ]);
      const starts = transfer.tasks.map(t => Date.parse(t.startedAt!));
      const ends = transfer.tasks.map(t => Date.parse(t.completedAt!));
      expect(starts[1]).toBeGreaterThanOrEqual(ends[0]);
      expect(starts[2]).toBeGreaterThanOrEqual(ends[1]);
    });
  });
});
