import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationStore } from '../database/MigrationStore';

const MAX_AGE_MS = 1_000;

/**
 * The migration an executor sees. Tasks of one migration claimed close together share one read
 * (for up to a second): it is a snapshot either way, and this keeps busy phases cheap.
 */
export class MigrationSnapshots {
  private readonly snapshots = new Map<
    string,
    { at: number; migration: Promise<Migration | undefined> }
  >();

  constructor(private readonly store: Pick<MigrationStore, 'getMigration'>) {}

  get(id: string): Promise<Migration | undefined> {
    const now = Date.now();
    const cached = this.snapshots.get(id);
    if (cached && now - cached.at < MAX_AGE_MS) {
      return cached.migration;
    }
    const migration = this.store.getMigration(id);
    this.snapshots.set(id, { at: now, migration });
    migration.catch(() => this.snapshots.delete(id));
    if (this.snapshots.size > 100) {
      for (const [key, value] of this.snapshots) {
        if (now - value.at >= MAX_AGE_MS) {
          this.snapshots.delete(key);
        }
      }
    }
    return migration;
  }
}
