import type { Knex } from 'knex';

/** Whether the knex instance talks to PostgreSQL (anything else is treated as SQLite). */
export function isPostgres(knex: Knex): boolean {
  const client = knex.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql';
}

/**
 * SQL for "now" on the database clock, as epoch milliseconds. Every time the engine stores comes
 * from here, so replicas with skewed clocks still agree on lease expiry.
 */
export function nowSql(knex: Knex): string {
  return isPostgres(knex)
    ? '(extract(epoch from clock_timestamp()) * 1000)::bigint'
    : "cast((julianday('now') - 2440587.5) * 86400000 as integer)";
}

/** "now" on the database clock as a raw expression. */
export function dbNow(knex: Knex): Knex.Raw {
  return knex.raw(nowSql(knex));
}

/** "now + ms" on the database clock as a raw expression. */
export function dbNowPlus(knex: Knex, ms: number): Knex.Raw {
  return knex.raw(`(${nowSql(knex)}) + ?`, [Math.round(ms)]);
}

/** Reads the database clock once. */
export async function readDbNow(knex: Knex): Promise<number> {
  const row = await knex.select(knex.raw(`${nowSql(knex)} as now`)).first();
  return Number(row.now);
}

/** pg returns bigint columns as strings; SQLite as numbers. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Epoch milliseconds (string or number, possibly null) to an ISO string. */
export function toIso(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  return new Date(toNumber(value)).toISOString();
}
