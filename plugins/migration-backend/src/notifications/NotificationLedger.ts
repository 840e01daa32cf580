import type { Knex } from 'knex';

/**
 * Remembers which notifications of a migration were sent, in `migration_notifications`. Claiming
 * an event inserts its row; only the first claim of an event key succeeds, on any replica.
 */
export class NotificationLedger {
  constructor(private readonly db: Knex) {}

  /** True when this call is the first to claim `eventKey` for the migration. */
  async claim(migrationId: string, eventKey: string): Promise<boolean> {
    try {
      await this.db('migration_notifications').insert({
        migration_id: migrationId,
        event_key: eventKey.slice(0, 255),
        sent_at: Date.now(),
      });
      return true;
    } catch (error) {
      if (/unique|duplicate|primary key/i.test(String(error))) {
        return false;
      }
      throw error;
    }
  }

  /** Gives a claim back after the notification could not be sent, so a later event may try again. */
  async release(migrationId: string, eventKey: string): Promise<void> {
    await this.db('migration_notifications')
      .where({ migration_id: migrationId, event_key: eventKey.slice(0, 255) })
      .delete();
  }
}
