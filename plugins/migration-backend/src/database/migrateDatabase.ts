import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

/** Where the knex migrations of this package live. */
export const migrationsDir = resolvePackagePath(
  '@sirsi-nexus/plugin-migration-backend',
  'migrations',
);

/** Brings the plugin's database schema up to date. */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({ directory: migrationsDir });
}
