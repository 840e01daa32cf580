/**
 * A PostgreSQL database of its own for one benchmark run, on the server the tests use.
 */
import { randomUUID } from 'node:crypto';
import knexFactory, { type Knex } from 'knex';

/** The server's connection string (the tests' `BACKSTAGE_TEST_DATABASE_POSTGRES15_…`). */
export function postgresConnectionString(): string {
  return (
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
    'postgresql://postgres@127.0.0.1:5432'
  );
}

/**
 * Creates a database named `<prefix>_<random>`, runs `fn` with a pool on it, then drops it
 * (closing what is still connected), whether `fn` succeeded or not.
 */
export async function withBenchDatabase<T>(
  prefix: string,
  fn: (knex: Knex) => Promise<T>,
  poolMax = 10,
): Promise<T> {
  const name = `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = knexFactory({
    client: 'pg',
    connection: postgresConnectionString(),
  });
  await admin.raw('create database ??', [name]);
  const url = new URL(postgresConnectionString());
  url.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: url.toString(),
    pool: { min: 0, max: poolMax },
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
    await admin.raw('drop database if exists ?? with (force)', [name]);
    await admin.destroy();
  }
}
