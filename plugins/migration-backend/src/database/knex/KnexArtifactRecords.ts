import { createHash } from 'node:crypto';
import {
  type ArtifactSummary,
  type AuditEvent,
  type EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import { dbNow, readDbNow, toNumber } from '../dbClock';
import type { AuditEntry } from '../MigrationStore';
import {
  type ArtifactRow,
  type AuditEventRow,
  toArtifactSummary,
  toAuditEvent,
} from '../rows';
import { ARTIFACT_COLUMNS } from './util';
import {
  decodeStoredContent,
  encodeStoredContent,
  type ArtifactContentEncoding,
} from './artifactEncoding';
import { KnexStoreBase } from './KnexStoreBase';
import { heldTask } from './taskQueries';

/** Artifacts, the audit trail and environment validations. */
export class KnexArtifactRecords extends KnexStoreBase {
  async putArtifact(options: {
    migrationId: string;
    name: string;
    mediaType: string;
    content: Buffer;
    taskId?: string;
    leaseToken?: string;
    audit: AuditEntry;
  }): Promise<ArtifactSummary | undefined> {
    const sha256 = createHash('sha256').update(options.content).digest('hex');
    // Compressed before the transaction, so no row lock waits for it.
    const { stored, encoding } = await encodeStoredContent(
      options.content,
      options.mediaType,
    );
    return this.db.transaction(async trx => {
      if (options.leaseToken) {
        const held = await this.lock(
          heldTask(trx, options.taskId ?? '', options.leaseToken),
        )
          .select('id')
          .first();
        if (!held) {
          return undefined;
        }
      }
      const now = await readDbNow(trx);
      const row = {
        migration_id: options.migrationId,
        name: options.name,
        media_type: options.mediaType,
        sha256,
        size: options.content.length,
        content: stored,
        content_encoding: encoding,
        task_id: options.taskId ?? null,
        created_at: now,
      };
      await trx('artifacts')
        .insert(row)
        .onConflict(['migration_id', 'name'])
        .merge([
          'media_type',
          'sha256',
          'size',
          'content',
          'content_encoding',
          'task_id',
          'created_at',
        ]);
      await this.audit(trx, options.migrationId, {
        ...options.audit,
        taskId: options.taskId ?? options.audit.taskId,
        detail: {
          ...options.audit.detail,
          name: options.name,
          mediaType: options.mediaType,
          sha256,
          size: options.content.length,
        },
      });
      return toArtifactSummary(row);
    });
  }

  /** An artifact with its content as the task stored it (decompressed off the main thread). */
  async getArtifact(
    migrationId: string,
    name: string,
  ): Promise<{ summary: ArtifactSummary; content: Buffer } | undefined> {
    const artifact = await this.getStoredArtifact(migrationId, name);
    if (!artifact) {
      return undefined;
    }
    return {
      summary: artifact.summary,
      content: await decodeStoredContent(artifact.content, artifact.encoding),
    };
  }

  /**
   * An artifact with its content as stored in the database: gzip-compressed when `encoding` says
   * so (the HTTP route serves it as it is to clients that accept gzip).
   */
  async getStoredArtifact(
    migrationId: string,
    name: string,
  ): Promise<
    | {
        summary: ArtifactSummary;
        content: Buffer;
        encoding: ArtifactContentEncoding;
      }
    | undefined
  > {
    const row = await this.db('artifacts')
      .where({ migration_id: migrationId, name })
      .first([...ARTIFACT_COLUMNS, 'content', 'content_encoding']);
    if (!row) {
      return undefined;
    }
    return {
      summary: toArtifactSummary(row as ArtifactRow),
      content: Buffer.isBuffer(row.content)
        ? row.content
        : Buffer.from(row.content),
      encoding: row.content_encoding as ArtifactContentEncoding,
    };
  }

  async listArtifacts(migrationId: string): Promise<ArtifactSummary[]> {
    const rows = (await this.db('artifacts')
      .where({ migration_id: migrationId })
      .orderBy('name')
      .select(ARTIFACT_COLUMNS)) as ArtifactRow[];
    return rows.map(toArtifactSummary);
  }

  async appendAuditEvent(migrationId: string, entry: AuditEntry) {
    await this.audit(this.db, migrationId, entry);
  }

  async listAuditEvents(
    migrationId: string,
    options: { after?: number; limit: number },
  ): Promise<AuditEvent[]> {
    const rows = (await this.db('audit_events')
      .where({ migration_id: migrationId })
      .where('id', '>', options.after ?? 0)
      .orderBy('id', 'asc')
      .limit(options.limit)) as AuditEventRow[];
    return rows.map(toAuditEvent);
  }

  async recordEnvironmentValidation(options: {
    environmentId: string;
    provider: string;
    checks: EnvironmentCheck[];
  }): Promise<void> {
    await this.db('environment_validations')
      .insert({
        environment_id: options.environmentId,
        provider: options.provider,
        checks: JSON.stringify(options.checks),
        validated_at: dbNow(this.db),
      })
      .onConflict('environment_id')
      .merge(['provider', 'checks', 'validated_at']);
  }

  async listEnvironmentValidations() {
    const rows = await this.db('environment_validations').orderBy(
      'environment_id',
    );
    return rows.map(row => ({
      environmentId: row.environment_id as string,
      provider: row.provider as string,
      at: new Date(toNumber(row.validated_at)).toISOString(),
      checks: JSON.parse(row.checks) as EnvironmentCheck[],
    }));
  }
}
