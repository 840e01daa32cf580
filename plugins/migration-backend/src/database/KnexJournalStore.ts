import type { JsonValue } from '@backstage/types';
import type { Knex } from 'knex';
import { dbNow, isPostgres } from './dbClock';
import type { JournalStore, JournalWriter } from './JournalStore';
import { heldTask } from './knex/taskQueries';
import { INSERT_CHUNK, chunks } from './knex/util';

const TABLE = 'task_journals';

interface JournalRow {
  migration_id: string;
  name: string;
  kind: 'base' | 'record';
  body: string;
}

/**
 * {@link JournalStore} on the plugin's database (SQLite or PostgreSQL): one row per base or
 * record, read in id order.
 *
 * @public
 */
export class KnexJournalStore implements JournalStore {
  constructor(private readonly db: Knex) {}

  async readJournal(migrationId: string, name: string) {
    const rows = await this.db<JournalRow>(TABLE)
      .where({ migration_id: migrationId, name })
      .orderBy('id')
      .select('kind', 'body');
    if (rows.length === 0) return undefined;
    let base: JsonValue | undefined;
    const records: JsonValue[] = [];
    for (const row of rows) {
      const value = JSON.parse(row.body) as JsonValue;
      if (row.kind === 'base') {
        base = value;
        records.length = 0;
      } else {
        records.push(value);
      }
    }
    return base === undefined ? { records } : { base, records };
  }

  resetJournal(writer: JournalWriter, name: string, base: JsonValue) {
    return this.write(writer, async trx => {
      await trx(TABLE)
        .where({ migration_id: writer.migrationId, name })
        .delete();
      await trx(TABLE).insert(this.row(trx, writer, name, 'base', base));
    });
  }

  appendJournal(writer: JournalWriter, name: string, records: JsonValue[]) {
    return this.write(writer, async trx => {
      for (const part of chunks(records, INSERT_CHUNK)) {
        await trx(TABLE).insert(
          part.map(r => this.row(trx, writer, name, 'record', r)),
        );
      }
    });
  }

  private row(
    trx: Knex,
    writer: JournalWriter,
    name: string,
    kind: JournalRow['kind'],
    value: JsonValue,
  ) {
    return {
      migration_id: writer.migrationId,
      name,
      kind,
      body: JSON.stringify(value),
      task_id: writer.taskId,
      created_at: dbNow(trx),
    };
  }

  /**
   * Runs `fn` in a transaction while the writer's lease holds; on PostgreSQL the task row is
   * locked for share, so the lease cannot pass to another worker between the check and the write.
   */
  private write(
    writer: JournalWriter,
    fn: (trx: Knex.Transaction) => Promise<void>,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const query = heldTask(trx, writer.taskId, writer.leaseToken)
        .where({ migration_id: writer.migrationId })
        .select('id');
      const held = await (isPostgres(trx) ? query.forShare() : query).first();
      if (!held) return false;
      await fn(trx);
      return true;
    });
  }
}
