import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { Knex } from 'knex';
import { KnexMigrationStore } from './KnexMigrationStore';
import type { NewTask } from './MigrationStore';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

const actor = { actor: 'user:default/alice', action: 'test.action' };

function newMigration(overrides: Record<string, unknown> = {}) {
  return {
    id: randomUUID(),
    title: 'Move the webshop',
    sourceEnvironmentId: 'dc1',
    target: { provider: 'aws' as const, region: 'eu-west-1' },
    entityRefs: ['resource:default/web-01', 'Resource:default/DB-01'],
    owner: 'group:default/team-webshop',
    requestedBy: 'user:default/alice',
    options: { rehearsal: true },
    gatedPhases: ['build' as const],
    ...overrides,
  };
}

function task(
  key: string,
  overrides: Partial<NewTask> = {},
): NewTask & { id: string } {
  return {
    id: randomUUID(),
    phase: 'environment',
    taskType: 'test.task',
    key,
    title: `Task ${key}`,
    mode: 'run',
    maxAttempts: 2,
    input: { key },
    dependsOnTaskIds: [],
    ...overrides,
  };
}

describe('KnexMigrationStore', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnexMigrationStore;

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
      store = new KnexMigrationStore(knex);
    });

    async function createRunning(overrides: Record<string, unknown> = {}) {
      const { migration } = await store.createMigration(
        newMigration(overrides),
        { ...actor, action: 'migration.created' },
      );
      return migration;
    }

    it('creates a running migration with nine pending phases and an audit event', async () => {
      const { migration, created } = await store.createMigration(
        newMigration(),
        { ...actor, action: 'migration.created' },
      );
      expect(created).toBe(true);
      expect(migration).toMatchObject({
        status: 'running',
        owner: 'group:default/team-webshop',
        gatedPhases: ['build'],
        progress: 0,
        currentPhase: 'environment',
        target: { provider: 'aws', region: 'eu-west-1' },
      });
      expect(Date.parse(migration.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      const phases = await store.getPhases(migration.id);
      expect(phases.map(p => p.phase)).toEqual([
        'environment',
        'plan',
        'specify',
        'test',
        'build',
        'transfer',
        'validate',
        'optimize',
        'support',
      ]);
      expect(phases.every(p => p.status === 'pending')).toBe(true);
      const events = await store.listAuditEvents(migration.id, { limit: 10 });
      expect(events).toEqual([
        expect.objectContaining({
          action: 'migration.created',
          actor: 'user:default/alice',
        }),
      ]);
    });

    it('returns the first migration for a repeated idempotency key, even concurrently', async () => {
      const key = randomUUID();
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          store.createMigration(newMigration({ idempotencyKey: key }), {
            ...actor,
            action: 'migration.created',
          }),
        ),
      );
      const ids = new Set(results.map(r => r.migration.id));
      expect(ids.size).toBe(1);
      expect(results.filter(r => r.created)).toHaveLength(1);
      // another requester may use the same key
      const other = await store.createMigration(
        newMigration({ idempotencyKey: key, requestedBy: 'user:default/bob' }),
        { ...actor, action: 'migration.created' },
      );
      expect(other.created).toBe(true);
      expect(ids.has(other.migration.id)).toBe(false);
    });

    it('lists with status, owner and case-insensitive entity ref filters', async () => {
      const owner = `group:default/${randomUUID()}`;
      const a = await createRunning({
        owner,
        entityRefs: ['resource:default/only-in-a'],
      });
      const b = await createRunning({ owner });
      await store.transitionMigration({
        id: b.id,
        from: ['running'],
        to: 'paused',
        audit: actor,
      });
      const byOwner = await store.listMigrations({ owner });
      expect(byOwner.totalCount).toBe(2);
      expect(byOwner.items.map(m => m.id).sort()).toEqual([a.id, b.id].sort());
      const paused = await store.listMigrations({ owner, status: ['paused'] });
      expect(paused.items.map(m => m.id)).toEqual([b.id]);
      const byRef = await store.listMigrations({
        entityRef: 'Resource:default/ONLY-IN-A',
      });
      expect(byRef.items.map(m => m.id)).toEqual([a.id]);
      const byRefs = await store.listMigrations({
        owner,
        entityRef: ['resource:default/only-in-a', 'Resource:default/DB-01'],
      });
      expect(byRefs.items.map(m => m.id).sort()).toEqual([a.id, b.id].sort());
      expect(byRefs.totalCount).toBe(2);
      const page = await store.listMigrations({ owner, limit: 1, offset: 1 });
      expect(page.items).toHaveLength(1);
      expect(page.totalCount).toBe(2);
    });

    it('rejects illegal transitions with ConflictError and unknown ids with NotFoundError', async () => {
      const m = await createRunning();
      await expect(
        store.transitionMigration({
          id: m.id,
          from: ['paused'],
          to: 'running',
          audit: actor,
        }),
      ).rejects.toBeInstanceOf(ConflictError);
      await expect(
        store.transitionMigration({
          id: 'nope',
          from: ['running'],
          to: 'paused',
          audit: actor,
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      // nothing was written by the failed attempts
      const events = await store.listAuditEvents(m.id, { limit: 10 });
      expect(events.map(e => e.action)).toEqual(['migration.created']);
    });

    it('opens a phase with a task DAG, claims by lease and promotes dependents', async () => {
      const m = await createRunning();
      const a = task('a');
      const b = task('b');
      const c = task('c', { dependsOnTaskIds: [a.id, b.id] });
      expect(
        await store.openPhase({
          migrationId: m.id,
          phase: 'environment',
          tasks: [a, b, c],
          audit: { ...actor, action: 'phase.started' },
        }),
      ).toBe('opened');
      // a second open loses
      expect(
        await store.openPhase({
          migrationId: m.id,
          phase: 'environment',
          tasks: [task('d')],
          audit: { ...actor, action: 'phase.started' },
        }),
      ).toBe('conflict');

      const phases = await store.getPhases(m.id);
      expect(phases[0].status).toBe('running');
      expect(phases[0].tasks.map(t => [t.key, t.status, t.dependsOn])).toEqual([
        ['a', 'ready', []],
        ['b', 'ready', []],
        ['c', 'pending', ['a', 'b']],
      ]);

      const claimed = await store.claimTasks({
        workerId: 'w1',
        limit: 10,
        leaseDurationMs: 10_000,
      });
      const mine = claimed.filter(t => t.migrationId === m.id);
      expect(mine.map(t => t.key).sort()).toEqual(['a', 'b']);
      expect(mine[0].attempt).toBe(1);
      expect(mine[0].input).toEqual({ key: mine[0].key });

      const [first, second] = mine;
      const outcome1 = await store.completeTask({
        taskId: first.id,
        leaseToken: first.leaseToken,
        output: { done: first.key },
        audit: { ...actor, action: 'task.succeeded' },
      });
      expect(outcome1).toMatchObject({
        status: 'succeeded',
        promotedTaskIds: [],
        phaseSettled: false,
      });
      const outcome2 = await store.completeTask({
        taskId: second.id,
        leaseToken: second.leaseToken,
        output: {},
        audit: { ...actor, action: 'task.succeeded' },
      });
      expect(outcome2?.promotedTaskIds).toEqual([c.id]);
      expect(outcome2?.phaseSettled).toBe(false);

      const [third] = (
        await store.claimTasks({
          workerId: 'w1',
          limit: 10,
          leaseDurationMs: 10_000,
        })
      ).filter(t => t.migrationId === m.id);
      expect(third.key).toBe('c');
      const outcome3 = await store.completeTask({
        taskId: third.id,
        leaseToken: third.leaseToken,
        output: {},
        audit: { ...actor, action: 'task.succeeded' },
      });
      expect(outcome3?.phaseSettled).toBe(true);

      expect(
        await store.completePhase({
          migrationId: m.id,
          phase: 'environment',
          audit: { ...actor, action: 'phase.succeeded' },
        }),
      ).toEqual({ durationMs: expect.any(Number) });
      const after = await store.getMigration(m.id);
      expect(after?.progress).toBeCloseTo(1 / 9);
      expect((await store.getTaskPayload(first.id))?.output).toEqual({
        done: first.key,
      });
    });

    it('opening a phase without tasks skips it', async () => {
      const m = await createRunning();
      expect(
        await store.openPhase({
          migrationId: m.id,
          phase: 'environment',
          tasks: [],
          audit: { ...actor, action: 'phase.started' },
        }),
      ).toBe('skipped');
      expect((await store.getPhases(m.id))[0].status).toBe('skipped');
    });

    it('does not claim tasks of paused migrations, and claims each task once under contention', async () => {
      const m = await createRunning();
      const tasks = Array.from({ length: 20 }, (_, i) => task(`t${i}`));
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks,
        audit: actor,
      });
      await store.transitionMigration({
        id: m.id,
        from: ['running'],
        to: 'paused',
        audit: actor,
      });
      const whilePaused = await store.claimTasks({
        workerId: 'w',
        limit: 100,
        leaseDurationMs: 10_000,
      });
      expect(whilePaused.filter(t => t.migrationId === m.id)).toEqual([]);
      await store.transitionMigration({
        id: m.id,
        from: ['paused'],
        to: 'running',
        audit: actor,
      });
      const claims = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.claimTasks({
            workerId: `w${i}`,
            limit: 4,
            leaseDurationMs: 10_000,
          }),
        ),
      );
      const ids = claims
        .flat()
        .filter(t => t.migrationId === m.id)
        .map(t => t.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(20);
    });

    it('rejects writes of a lost lease and returns expired leases', async () => {
      const m = await createRunning();
      const t = task('lease');
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [t],
        audit: actor,
      });
      const [claim] = (
        await store.claimTasks({
          workerId: 'old',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.id === t.id);
      expect(
        await store.heartbeat({
          taskId: t.id,
          leaseToken: claim.leaseToken,
          leaseDurationMs: 10_000,
        }),
      ).toBe('held');

      // the lease runs out
      await knex('tasks').where({ id: t.id }).update({ lease_expires_at: 1 });
      const expired = await store.returnExpiredLeases();
      expect(expired).toContainEqual(
        expect.objectContaining({ taskId: t.id, status: 'ready' }),
      );
      expect(
        await store.heartbeat({
          taskId: t.id,
          leaseToken: claim.leaseToken,
          leaseDurationMs: 10_000,
        }),
      ).toBe('lost');
      expect(
        await store.putCheckpoint({
          taskId: t.id,
          leaseToken: claim.leaseToken,
          key: 'k',
          value: 1,
        }),
      ).toBe(false);
      expect(
        await store.putArtifact({
          migrationId: m.id,
          name: 'late.json',
          mediaType: 'application/json',
          content: Buffer.from('{}'),
          taskId: t.id,
          leaseToken: claim.leaseToken,
          audit: actor,
        }),
      ).toBeUndefined();

      const [again] = (
        await store.claimTasks({
          workerId: 'new',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.id === t.id);
      // the worker died: the attempt is given back, the expiry counted apart
      expect(again.attempt).toBe(1);
      // the old worker's result is rejected, the new one's accepted
      expect(
        await store.completeTask({
          taskId: t.id,
          leaseToken: claim.leaseToken,
          output: { from: 'old' },
          audit: actor,
        }),
      ).toBeUndefined();
      expect(
        await store.failTask({
          taskId: t.id,
          leaseToken: claim.leaseToken,
          error: 'x',
          audit: actor,
        }),
      ).toBeUndefined();
      expect(
        await store.completeTask({
          taskId: t.id,
          leaseToken: again.leaseToken,
          output: { from: 'new' },
          audit: actor,
        }),
      ).toBeDefined();
      expect((await store.getTaskPayload(t.id))?.output).toEqual({
        from: 'new',
      });
      expect(await store.getArtifact(m.id, 'late.json')).toBeUndefined();
    });

    it('gives back the attempts of expired leases and fails once the workers kept dying', async () => {
      const m = await createRunning();
      const t = task('once', { maxAttempts: 1 });
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [t],
        audit: actor,
      });
      const crash = async () => {
        const [claim] = (
          await store.claimTasks({
            workerId: 'w',
            limit: 50,
            leaseDurationMs: 10_000,
          })
        ).filter(c => c.id === t.id);
        expect(claim.attempt).toBe(1);
        await knex('tasks').where({ id: t.id }).update({ lease_expires_at: 1 });
        return store.returnExpiredLeases({ maxLeaseExpiries: 3 });
      };
      // three workers die: the task with one attempt is still ready, its attempt unused
      for (let i = 0; i < 3; i++) {
        expect(await crash()).toContainEqual(
          expect.objectContaining({ taskId: t.id, status: 'ready' }),
        );
      }
      const row = await knex('tasks').where({ id: t.id }).first();
      expect(row).toMatchObject({ status: 'ready', attempts: 0 });
      expect(Number(row.lease_expiries)).toBe(3);

      // the fourth is one more than the budget
      expect(await crash()).toContainEqual(
        expect.objectContaining({
          taskId: t.id,
          status: 'failed',
          migrationStatus: 'failed',
        }),
      );
      const after = await store.getMigration(m.id);
      expect(after?.status).toBe('failed');
      expect(after?.statusReason).toMatch(
        /workers running it kept dying: its lease expired 4 time\(s\), more than migration.engine.maxLeaseExpiries \(3\)/,
      );

      // a retry gives a fresh budget of lease expiries too
      await store.retryTask({
        migrationId: m.id,
        taskId: t.id,
        additionalAttempts: 1,
        audit: actor,
      });
      const retried = await knex('tasks').where({ id: t.id }).first();
      expect(retried).toMatchObject({ status: 'ready' });
      expect(Number(retried.lease_expiries)).toBe(0);
    });

    it('schedules retries with a delay, then fails the task and the migration for good', async () => {
      const m = await createRunning();
      const t = task('flaky', { maxAttempts: 2 });
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [t],
        audit: actor,
      });
      const [first] = (
        await store.claimTasks({
          workerId: 'w',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.id === t.id);
      const retry = await store.failTask({
        taskId: t.id,
        leaseToken: first.leaseToken,
        error: 'boom 1',
        retryDelayMs: 60_000,
        audit: actor,
      });
      expect(retry).toMatchObject({ status: 'ready' });
      // not claimable before the delay
      const early = await store.claimTasks({
        workerId: 'w',
        limit: 50,
        leaseDurationMs: 10_000,
      });
      expect(early.find(c => c.id === t.id)).toBeUndefined();
      const view = await store.getTask(t.id);
      expect(view?.error).toBe('boom 1');
      expect(Date.parse(view!.nextAttemptAt!)).toBeGreaterThan(
        Date.now() + 30_000,
      );

      await knex('tasks').where({ id: t.id }).update({ available_at: 1 });
      const [second] = (
        await store.claimTasks({
          workerId: 'w',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.id === t.id);
      expect(second.attempt).toBe(2);
      const final = await store.failTask({
        taskId: t.id,
        leaseToken: second.leaseToken,
        error: 'boom 2',
        retryDelayMs: 10,
        audit: actor,
      });
      expect(final).toMatchObject({
        status: 'failed',
        migrationStatus: 'failed',
      });
      const failed = await store.getMigration(m.id);
      expect(failed?.statusReason).toContain('boom 2');
      expect((await store.getPhases(m.id))[0].status).toBe('failed');

      // retry gives a fresh budget and sets the migration going again
      const { task: retried, migration } = await store.retryTask({
        migrationId: m.id,
        taskId: t.id,
        additionalAttempts: 2,
        audit: { ...actor, action: 'task.retried' },
      });
      expect(retried).toMatchObject({ status: 'ready', maxAttempts: 4 });
      expect(migration.status).toBe('running');
      expect((await store.getPhases(m.id))[0].status).toBe('running');
      await expect(
        store.retryTask({
          migrationId: m.id,
          taskId: t.id,
          additionalAttempts: 2,
          audit: actor,
        }),
      ).rejects.toBeInstanceOf(ConflictError);
    });

    it('keeps a checkpoint once per task and key', async () => {
      const m = await createRunning();
      const t = task('cp');
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [t],
        audit: actor,
      });
      const [claim] = (
        await store.claimTasks({
          workerId: 'w',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.id === t.id);
      expect(await store.getCheckpoint(t.id, 'k')).toBeUndefined();
      await store.putCheckpoint({
        taskId: t.id,
        leaseToken: claim.leaseToken,
        key: 'k',
        value: { id: 'i-123' },
      });
      await store.putCheckpoint({
        taskId: t.id,
        leaseToken: claim.leaseToken,
        key: 'k',
        value: { id: 'other' },
      });
      await store.putCheckpoint({
        taskId: t.id,
        leaseToken: claim.leaseToken,
        key: 'void',
        value: undefined,
      });
      expect(await store.getCheckpoint(t.id, 'k')).toEqual({
        value: { id: 'i-123' },
      });
      expect(await store.getCheckpoint(t.id, 'void')).toEqual({
        value: undefined,
      });
    });

    it('gates a phase and records approve and reject decisions once', async () => {
      const m = await createRunning();
      expect(
        await store.gatePhase({
          migrationId: m.id,
          phase: 'build',
          audit: { ...actor, action: 'phase.awaiting_approval' },
        }),
      ).toBe(true);
      expect((await store.getMigration(m.id))?.status).toBe(
        'awaiting_approval',
      );
      const pending = await store.listApprovals({ status: 'pending' });
      expect(pending.find(p => p.migrationId === m.id)).toMatchObject({
        phase: 'build',
        status: 'pending',
        migration: { id: m.id, status: 'awaiting_approval' },
      });

      const { approval, migration } = await store.decideApproval({
        migrationId: m.id,
        phase: 'build',
        decision: 'approve',
        decidedBy: 'user:default/bob',
        comment: 'ok',
      });
      expect(approval).toMatchObject({
        status: 'approved',
        decidedBy: 'user:default/bob',
        comment: 'ok',
      });
      expect(migration.status).toBe('running');
      await expect(
        store.decideApproval({
          migrationId: m.id,
          phase: 'build',
          decision: 'approve',
          decidedBy: 'user:default/bob',
          comment: 'again',
        }),
      ).rejects.toBeInstanceOf(ConflictError);

      const r = await createRunning();
      await store.gatePhase({
        migrationId: r.id,
        phase: 'transfer',
        audit: actor,
      });
      const rejected = await store.decideApproval({
        migrationId: r.id,
        phase: 'transfer',
        decision: 'reject',
        decidedBy: 'user:default/bob',
        comment: 'not this week',
      });
      expect(rejected.migration.status).toBe('failed');
      expect(rejected.migration.statusReason).toBe(
        'The transfer phase was rejected by user:default/bob: not this week',
      );
      const actions = (await store.listAuditEvents(r.id, { limit: 50 })).map(
        e => e.action,
      );
      expect(actions).toEqual(
        expect.arrayContaining(['phase.rejected', 'migration.failed']),
      );
    });

    it('cancels open work and starts a rollback with chained compensations', async () => {
      const m = await createRunning();
      const a = task('a');
      const b = task('b');
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [a, b],
        audit: actor,
      });
      const claims = (
        await store.claimTasks({
          workerId: 'w',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.migrationId === m.id);
      const claimA = claims.find(c => c.id === a.id)!;
      await store.completeTask({
        taskId: a.id,
        leaseToken: claimA.leaseToken,
        output: {},
        audit: actor,
      });
      const cancelled = await store.transitionMigration({
        id: m.id,
        from: ['running'],
        to: 'cancelled',
        reason: 'stop',
        closeOpenWork: true,
        audit: { ...actor, action: 'migration.cancelled' },
      });
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        statusReason: 'stop',
      });
      expect(cancelled.completedAt).toBeDefined();
      const tasks = (await store.getPhases(m.id))[0].tasks;
      expect(tasks.find(t => t.key === 'b')?.status).toBe('cancelled');
      expect(
        await store.heartbeat({
          taskId: b.id,
          leaseToken: claims.find(c => c.id === b.id)!.leaseToken,
          leaseDurationMs: 1000,
        }),
      ).toBe('lost');

      const undoA = task('a#compensate', {
        mode: 'compensate',
        compensatesTaskId: a.id,
      });
      const rolling = await store.startRollback({
        migrationId: m.id,
        from: ['failed', 'cancelled', 'completed'],
        compensations: [undoA],
        additionalAttempts: 3,
        audit: { ...actor, action: 'migration.rollback_started' },
      });
      expect(rolling.status).toBe('rolling_back');
      const [undo] = (
        await store.claimTasks({
          workerId: 'w',
          limit: 50,
          leaseDurationMs: 10_000,
        })
      ).filter(c => c.migrationId === m.id);
      expect(undo).toMatchObject({
        mode: 'compensate',
        compensatesTaskId: a.id,
      });
      const done = await store.completeTask({
        taskId: undo.id,
        leaseToken: undo.leaseToken,
        output: {},
        audit: actor,
      });
      expect(done?.phaseSettled).toBe(true);
      expect(
        await store.finishRollback(m.id, {
          ...actor,
          action: 'migration.rolled_back',
        }),
      ).toBe(true);
      expect((await store.getMigration(m.id))?.status).toBe('rolled_back');
      expect((await store.getPhases(m.id))[0].status).toBe('rolled_back');
    });

    it('stores, replaces and reads artifacts with their sha256', async () => {
      const m = await createRunning();
      const content = Buffer.from([0, 1, 2, 250, 255]);
      const summary = await store.putArtifact({
        migrationId: m.id,
        name: 'bundle.zip',
        mediaType: 'application/zip',
        content,
        audit: { ...actor, action: 'artifact.stored' },
      });
      expect(summary).toMatchObject({
        name: 'bundle.zip',
        size: 5,
        sha256: createHash('sha256').update(content).digest('hex'),
      });
      await store.putArtifact({
        migrationId: m.id,
        name: 'bundle.zip',
        mediaType: 'application/zip',
        content: Buffer.from('v2'),
        audit: { ...actor, action: 'artifact.stored' },
      });
      const stored = await store.getArtifact(m.id, 'bundle.zip');
      expect(stored?.content.toString()).toBe('v2');
      expect(stored?.summary.size).toBe(2);
      expect(await store.listArtifacts(m.id)).toHaveLength(1);
    });

    it('counts the queue: ready tasks of running migrations only', async () => {
      const before = await store.getQueueDepth();
      const m = await createRunning();
      await store.openPhase({
        migrationId: m.id,
        phase: 'environment',
        tasks: [task('q1'), task('q2'), task('q3', { dependsOnTaskIds: [] })],
        audit: actor,
      });
      expect(await store.getQueueDepth()).toBe(before + 3);
      await store.transitionMigration({
        id: m.id,
        from: ['running'],
        to: 'paused',
        audit: actor,
      });
      expect(await store.getQueueDepth()).toBe(before);
    });

    it('keeps the last validation of each environment', async () => {
      const env = `env-${randomUUID()}`;
      await store.recordEnvironmentValidation({
        environmentId: env,
        provider: 'aws',
        checks: [{ id: 'a', title: 'A', status: 'fail', message: 'no' }],
      });
      await store.recordEnvironmentValidation({
        environmentId: env,
        provider: 'aws',
        checks: [{ id: 'a', title: 'A', status: 'pass', message: 'yes' }],
      });
      const all = await store.listEnvironmentValidations();
      const mine = all.filter(v => v.environmentId === env);
      expect(mine).toHaveLength(1);
      expect(mine[0].checks[0].status).toBe('pass');
    });
  });
});
