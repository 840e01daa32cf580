import type { JsonValue } from '@backstage/types';

/**
 * Who writes to a journal: a task under its lease, in a migration.
 *
 * @public
 */
export interface JournalWriter {
  migrationId: string;
  taskId: string;
  leaseToken: string;
}

/**
 * Persistence of task journals (`ctx.journal`): per migration and name, a base and the records
 * appended after it, without audit events. Writes are conditioned on the writing task's lease and
 * answer false when it is gone (nothing was written).
 *
 * @public
 */
export interface JournalStore {
  /** The base and the records after it, oldest first; undefined when the journal is empty. */
  readJournal(
    migrationId: string,
    name: string,
  ): Promise<{ base?: JsonValue; records: JsonValue[] } | undefined>;
  /** Replaces the journal with `base` (the records before it are deleted), in one transaction. */
  resetJournal(
    writer: JournalWriter,
    name: string,
    base: JsonValue,
  ): Promise<boolean>;
  /** Appends records after the base, in one transaction. */
  appendJournal(
    writer: JournalWriter,
    name: string,
    records: JsonValue[],
  ): Promise<boolean>;
}
