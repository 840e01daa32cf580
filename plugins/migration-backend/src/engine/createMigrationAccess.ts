import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type {
  AuditEvent,
  MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import type { MigrationStore } from '../database/MigrationStore';
import { createArtifactReader, encodeArtifact } from './artifacts';

/**
 * What the execution routes and the report need from the engine's store.
 *
 * @public
 */
export interface MigrationAccess {
  /** The migration with its phases and artifacts; `NotFoundError` when there is none. */
  getStatus(migrationId: string): Promise<MigrationStatusResponse>;
  listEvents(migrationId: string): Promise<AuditEvent[]>;
  artifacts(migrationId: string): ArtifactReader;
  putArtifact(
    migrationId: string,
    name: string,
    data: Buffer | string | JsonValue,
    options: { actor: string; mediaType?: string },
  ): Promise<void>;
}

/**
 * {@link MigrationAccess} over the engine's store.
 *
 * @public
 */
export function createMigrationAccess(store: MigrationStore): MigrationAccess {
  return {
    async getStatus(migrationId) {
      const migration = await store.getMigration(migrationId);
      if (!migration) throw new NotFoundError(`No migration ${migrationId}`);
      const [phases, artifacts] = await Promise.all([
        store.getPhases(migrationId),
        store.listArtifacts(migrationId),
      ]);
      return { migration, phases, artifacts };
    },
    listEvents: migrationId =>
      store.listAuditEvents(migrationId, { limit: 1000 }),
    artifacts: migrationId => createArtifactReader(store, migrationId),
    async putArtifact(migrationId, name, data, options) {
      const { content, mediaType } = encodeArtifact(data, options.mediaType);
      await store.putArtifact({
        migrationId,
        name,
        mediaType,
        content,
        audit: {
          actor: options.actor,
          action: 'artifact.stored',
          detail: { name },
        },
      });
    },
  };
}
