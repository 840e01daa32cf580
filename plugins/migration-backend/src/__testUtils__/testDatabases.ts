import {
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrateDatabase';

const POSTGRES_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

/** The databases every store test runs on. */
export const STORE_DATABASE_IDS: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];

/**
 * `TestDatabases` for SQLite and PostgreSQL 15. Throws when PostgreSQL is not configured, so the
 * PostgreSQL half of a test can never be skipped silently.
 */
export function createTestDatabases(
  ids: TestDatabaseId[] = STORE_DATABASE_IDS,
): TestDatabases {
  if (ids.includes('POSTGRES_15') && !process.env[POSTGRES_ENV]) {
    throw new Error(
      `${POSTGRES_ENV} is not set: the migration store tests must run on PostgreSQL 15 too. ` +
        `Set it, e.g. ${POSTGRES_ENV}=postgresql://postgres@127.0.0.1:5432`,
    );
  }
  const databases = TestDatabases.create({ ids, disableDocker: true });
  for (const id of ids) {
    if (!databases.supports(id)) {
      throw new Error(`Test database ${id} is not available`);
    }
  }
  return databases;
}

/** A fresh, migrated database of the given kind. */
export async function initMigratedDatabase(
  databases: TestDatabases,
  id: TestDatabaseId,
): Promise<Knex> {
  const knex = await databases.init(id);
  await applyDatabaseMigrations(knex);
  return knex;
}
