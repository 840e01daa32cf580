import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { KnexMigrationStore } from './KnexMigrationStore';
import type { ClaimedTask, NewTask } from './MigrationStore';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

const actor = { actor: 'user:default/alice', action: 'test.action' };
const claimNext = { workerId: 'w1', limit: 1, leaseDurationMs: 10_000 };

function task(key: string, dependsOnTaskIds: string[] = []): NewTask {
  return {
    id: randomUUID(),
    phase: 'environment',
    taskType: 'test.task',
    key,
    title: `Task ${key}`,
    mode: 'run',
    maxAttempts: 2,
    input: { key },
    dependsOnTaskIds,
  };
}

/** A completion that claims the worker's next task in the same round trip (issue 16 item 1). */
describe('completeTask with claimNext', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnexMigrationStore;

    beforeEach(async () => {
      // A database of its own per test: a claim takes any migration's ready tasks.
      knex = await initMigratedDatabase(databases, databaseId);
      store = new KnexMigrationStore(knex);
    });

    /** A running migration whose environment phase has tasks a, b and c (c waits for a). */
    async function withTasks() {
      const { migration } = await store.createMigration(
        {
          id: randomUUID(),
          title: 'Chained claims',
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs: ['resource:default/web-01'],
          owner: 'group:default/team',
          requestedBy: 'user:default/alice',
          options: {},
          gatedPhases: [],
        },
        { ...actor, action: 'migration.created' },
      );
      const a = task('a');
      const tasks = [a, task('b'), task('c', [a.id])];
      await store.openPhase({
        migrationId: migration.id,
        phase: 'environment',
        tasks,
        audit: { ...actor, action: 'phase.started' },
      });
      const [first] = await store.claimTasks({ ...claimNext, limit: 1 });
      return { migrationId: migration.id, first };
    }

    function complete(claimed: ClaimedTask, leaseToken = claimed.leaseToken) {
      return store.completeTask({
        taskId: claimed.id,
        leaseToken,
        output: { key: claimed.key },
        audit: { ...actor, action: 'task.succeeded' },
        claimNext,
      });
    }

    it('hands each completion the next task in claim order until none is left', async () => {
      const { migrationId, first } = await withTasks();
      expect(first.key).toBe('a');

      const afterA = await complete(first);
      expect(afterA?.promotedTaskIds).toHaveLength(1);
      expect(afterA?.claimed?.map(t => [t.key, t.attempt])).toEqual([['b', 1]]);
      const b = afterA!.claimed![0];
      expect(b.leaseToken).toMatch(/^w1\//);
      expect(b.input).toEqual({ key: 'b' });

      const afterB = await complete(b);
      expect(afterB?.claimed?.map(t => t.key)).toEqual(['c']);
      expect(afterB?.phaseSettled).toBe(false);

      const afterC = await complete(afterB!.claimed![0]);
      expect(afterC?.claimed).toEqual([]);
      expect(afterC?.phaseSettled).toBe(true);

      const tasks = (await store.getPhases(migrationId))[0].tasks;
      expect(tasks.map(t => [t.key, t.status, t.attempts])).toEqual([
        ['a', 'succeeded', 1],
        ['b', 'succeeded', 1],
        ['c', 'succeeded', 1],
      ]);
      // Every task's start and end is in the audit trail exactly once.
      const events = await store.listAuditEvents(migrationId, { limit: 100 });
      for (const action of ['task.started', 'task.succeeded']) {
        expect(
          events
            .filter(e => e.action === action)
            .map(e => e.taskId)
            .sort(),
        ).toEqual(tasks.map(t => t.id).sort());
      }
    });

    it('claims nothing when the completion did not hold the lease', async () => {
      const { first } = await withTasks();
      expect(await complete(first, 'someone-else/token')).toBeUndefined();

      const ready = await store.claimTasks({ ...claimNext, limit: 10 });
      expect(ready.map(t => t.key)).toEqual(['b']);
    });

    it('claims nothing of a paused migration, but records the result', async () => {
      const { migrationId, first } = await withTasks();
      await store.transitionMigration({
        id: migrationId,
        from: ['running'],
        to: 'paused',
        audit: { ...actor, action: 'migration.paused' },
      });

      const outcome = await complete(first);
      expect(outcome).toMatchObject({ status: 'succeeded', claimed: [] });
      const tasks = (await store.getPhases(migrationId))[0].tasks;
      expect(tasks.map(t => [t.key, t.status])).toEqual([
        ['a', 'succeeded'],
        ['b', 'ready'],
        ['c', 'ready'],
      ]);
    });
  });
});
