import fs from 'node:fs';
import type { Knex } from 'knex';
import { migrationsDir } from './migrateDatabase';
import { MIGRATION_ROW } from '../__testUtils__/migrationRow';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const migrationFiles = fs
  .readdirSync(migrationsDir)
  .filter(name => name.endsWith('.js'))
  .sort();

async function migrateUpOnce(knex: Knex) {
  await knex.migrate.up({ directory: migrationsDir });
}

async function migrateDownOnce(knex: Knex) {
  await knex.migrate.down({ directory: migrationsDir });
}

/** Undoes one migration by its file name, whichever migrations came after it. */
async function migrateDownNamed(knex: Knex, name: string) {
  await knex.migrate.down({ directory: migrationsDir, name });
}

async function tableNames(knex: Knex): Promise<string[]> {
  const client = knex.client.config.client;
  if (client === 'pg') {
    const rows = await knex('information_schema.tables')
      .where({ table_schema: 'public' })
      .select('table_name');
    return rows.map(r => r.table_name).sort();
  }
  const rows = await knex('sqlite_master')
    .where({ type: 'table' })
    .select('name');
  return rows.map(r => r.name).sort();
}

describe('database migrations', () => {
  const databases = createTestDatabases();

  it('are date-prefixed and shipped with the package', () => {
    expect(migrationFiles.length).toBeGreaterThan(0);
    for (const file of migrationFiles) {
      expect(file).toMatch(/^\d{14}_[a-z0-9_]+\.js$/);
    }
    const pkg = require('../../package.json');
    expect(pkg.files).toContain('migrations/**/*.{js,d.ts}');
  });

  it.each(databases.eachSupportedId())(
    'creates every table and drops them again, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await migrateUpOnce(knex);
      const tables = await tableNames(knex);
      for (const table of [
        'migrations',
        'migration_entity_refs',
        'phases',
        'tasks',
        'task_dependencies',
        'task_checkpoints',
        'approvals',
        'audit_events',
        'artifacts',
        'environment_validations',
      ]) {
        expect(tables).toContain(table);
      }

      // A checkpoint is unique per task and key.
      await knex('migrations').insert(MIGRATION_ROW);
      await knex('tasks').insert({
        id: 't1',
        migration_id: 'm1',
        phase: 'plan',
        task_type: 'x',
        key: 'k',
        title: 't',
        mode: 'run',
        status: 'ready',
        max_attempts: 3,
        input: '{}',
        seq: 1,
        available_at: 1,
        created_at: 1,
        updated_at: 1,
      });
      await knex('task_checkpoints').insert({
        task_id: 't1',
        key: 'a',
        value: '1',
        created_at: 1,
      });
      await expect(
        knex('task_checkpoints').insert({
          task_id: 't1',
          key: 'a',
          value: '2',
          created_at: 2,
        }),
      ).rejects.toThrow();

      await migrateDownOnce(knex);
      const after = await tableNames(knex);
      expect(after).not.toContain('migrations');
      expect(after).not.toContain('tasks');

      // and up again from scratch
      await migrateUpOnce(knex);
      expect(await tableNames(knex)).toContain('audit_events');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'adds and removes the report time of support configurations, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn(
          'migration_support_configs',
          'last_report_at',
        ),
      ).toBe(true);

      await knex('migrations').insert({
        ...MIGRATION_ROW,
        status: 'completed',
      });
      await knex('migration_support_configs').insert({
        migration_id: 'm1',
        config: '{}',
        generated: '{}',
        target: '{}',
        updated_by: 'user:default/a',
        updated_at: 1,
        last_report_at: 2,
      });

      await migrateDownNamed(knex, '20261127000000_support_report_sent.js');
      expect(
        await knex.schema.hasColumn(
          'migration_support_configs',
          'last_report_at',
        ),
      ).toBe(false);
      // The configuration itself survives going back.
      expect(
        Number(
          (await knex('migration_support_configs').count({ n: '*' }).first())!
            .n,
        ),
      ).toBe(1);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'adds and removes the lease expiry count of tasks, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex('migrations').insert(MIGRATION_ROW);
      await knex('tasks').insert({
        id: 't1',
        migration_id: 'm1',
        phase: 'plan',
        task_type: 'x',
        key: 'k',
        title: 't',
        mode: 'run',
        status: 'ready',
        max_attempts: 3,
        input: '{}',
        seq: 1,
        available_at: 1,
        created_at: 1,
        updated_at: 1,
      });
      const row = await knex('tasks').where({ id: 't1' }).first();
      expect(Number(row.lease_expiries)).toBe(0);

      await migrateDownNamed(knex, '20261206020000_task_lease_expiries.js');
      expect(await knex.schema.hasColumn('tasks', 'lease_expiries')).toBe(
        false,
      );
      expect(await knex('tasks').where({ id: 't1' }).first()).toMatchObject({
        key: 'k',
        status: 'ready',
      });
      await knex.destroy();
    },
  );
});
