import type { ResolvedResource } from '../../database/MigrationStore';

/**
 * Where the plan phase keeps a migration's resolved resources up to date: the snapshot's
 * entities, then each resource's wave. Implemented by the migration store.
 *
 * @public
 */
export interface MigrationResourceIndex {
  /** Replaces the migration's resolved resources (idempotent; waves of kept entities stay). */
  replaceMigrationResources(
    migrationId: string,
    resources: ResolvedResource[],
  ): Promise<void>;
  /** Sets the wave of each listed entity of the migration. */
  setMigrationResourceWaves(
    migrationId: string,
    waves: Array<{ entityRef: string; wave: number }>,
  ): Promise<void>;
}
