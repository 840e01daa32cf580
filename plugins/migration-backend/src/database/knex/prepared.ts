import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** What node-postgres' client offers for a query with a statement name. */
interface PgConnection {
  query(config: {
    name?: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: unknown[] }>;
}

/** Errors of a pooler that keeps no prepared statements per session (PgBouncer in transaction mode). */
const PREPARED_UNSUPPORTED = new Set(['26000', '42P05']);

/** The name a statement is prepared under: one per SQL text. */
export function statementName(sql: string): string {
  return `sirsi_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
}

/**
 * Runs the engine's hottest statements (claim, completion) on PostgreSQL as named prepared
 * statements, so each connection plans them once: planning the common-table-expression
 * statements costs the server several times their execution. The name is the hash of the SQL
 * text, so one name never means two texts. Behind a pooler that cannot keep prepared statements
 * (the statement "does not exist" or "already exists" on another session), the statement runs
 * unnamed instead, from then on.
 */
export class PreparedStatements {
  private supported = true;

  constructor(private readonly db: Knex) {}

  async run<T>(query: Knex.Raw): Promise<T[]> {
    const { sql, bindings } = query.toSQL().toNative();
    const values = bindings as unknown[];
    if (!this.supported) {
      return this.exec<T>(sql, values);
    }
    const name = statementName(sql);
    try {
      return await this.exec<T>(sql, values, name);
    } catch (error) {
      if (!PREPARED_UNSUPPORTED.has((error as { code?: string })?.code ?? '')) {
        throw error;
      }
      this.supported = false;
      return this.exec<T>(sql, values);
    }
  }

  private async exec<T>(
    text: string,
    values: unknown[],
    name?: string,
  ): Promise<T[]> {
    const client = this.db.client;
    const connection = (await client.acquireConnection()) as PgConnection;
    try {
      // Listeners of knex's query event (logging, statement counts) still see the statement.
      client.emit('query', { sql: text, bindings: values, method: 'raw' });
      const result = await connection.query({ name, text, values });
      return result.rows as T[];
    } finally {
      await client.releaseConnection(connection);
    }
  }
}
