import type { Knex } from 'knex';
import { migrationsDir } from './migrateDatabase';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { claimedTaskContext } from '../executors/transfer/__testUtils__/claimedTaskContext';
import { KnexJournalStore } from './KnexJournalStore';

jest.setTimeout(60_000);

describe('KnexJournalStore', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await initMigratedDatabase(databases, databaseId);
    const { ctx, migrationId } = await claimedTaskContext(knex);
    const task = await knex('tasks')
      .where({ migration_id: migrationId })
      .first();
    const writer = {
      migrationId,
      taskId: task.id as string,
      leaseToken: task.lease_owner as string,
    };
    return { knex, ctx, writer, store: new KnexJournalStore(knex) };
  }

  it.each(databases.eachSupportedId())(
    'keeps a base and the records after it; a reset drops them, %p',
    async id => {
      const { store, writer, knex } = await setup(id);
      const { migrationId } = writer;
      expect(await store.readJournal(migrationId, 'progress')).toBeUndefined();

      expect(await store.appendJournal(writer, 'progress', [{ a: 1 }])).toBe(
        true,
      );
      expect(await store.readJournal(migrationId, 'progress')).toEqual({
        records: [{ a: 1 }],
      });
      expect(
        await store.resetJournal(writer, 'progress', { objects: [] }),
      ).toBe(true);
      // More records than one insert statement takes.
      const many = Array.from({ length: 450 }, (_, i) => ({ chunk: i }));
      expect(await store.appendJournal(writer, 'progress', many)).toBe(true);
      expect(await store.appendJournal(writer, 'other', ['x'])).toBe(true);

      const read = await store.readJournal(migrationId, 'progress');
      expect(read!.base).toEqual({ objects: [] });
      expect(read!.records).toEqual(many);
      expect(await store.readJournal(migrationId, 'other')).toEqual({
        records: ['x'],
      });

      await store.resetJournal(writer, 'progress', { objects: [1] });
      expect(await store.readJournal(migrationId, 'progress')).toEqual({
        base: { objects: [1] },
        records: [],
      });
      // The reset deleted what came before: one row left of that journal.
      const rows = await knex('task_journals').where({
        migration_id: migrationId,
        name: 'progress',
      });
      expect(rows).toHaveLength(1);
      // Journals add no audit events.
      expect(
        await knex('audit_events')
          .where({ migration_id: migrationId })
          .whereLike('action', 'journal%'),
      ).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing for a task that lost its lease, %p',
    async id => {
      const { store, writer, ctx, knex } = await setup(id);
      const stale = { ...writer, leaseToken: 'someone-else' };
      expect(await store.appendJournal(stale, 'progress', [1])).toBe(false);
      expect(await store.resetJournal(stale, 'progress', 1)).toBe(false);
      expect(
        await store.appendJournal(
          { ...writer, migrationId: 'another-migration' },
          'progress',
          [1],
        ),
      ).toBe(false);
      expect(
        await store.readJournal(writer.migrationId, 'progress'),
      ).toBeUndefined();

      // Through the task context: a write after the lease is gone throws LeaseLostError.
      await ctx.journal.append('progress', [2]);
      expect(await ctx.journal.read('progress')).toEqual({ records: [2] });
      await store.appendJournal(writer, 'progress', [3]);
      await knex('tasks')
        .where({ id: writer.taskId })
        .update({ lease_owner: null, status: 'ready' });
      await expect(ctx.journal.append('progress', [4])).rejects.toThrow(
        /no longer holds its lease/,
      );
      expect((await ctx.journal.read('progress'))!.records).toEqual([2, 3]);
    },
  );

  it.each(databases.eachSupportedId())(
    'creates the table and drops it again, %p',
    async id => {
      const knex = await databases.init(id);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('task_journals')).toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261206010000_transfer_progress.js',
      });
      expect(await knex.schema.hasTable('task_journals')).toBe(false);
      expect(await knex.schema.hasTable('migrations')).toBe(true);
      await knex.destroy();
    },
  );
});
