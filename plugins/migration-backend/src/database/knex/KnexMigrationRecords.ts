import { ConflictError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_PHASES,
  type ListMigrationsQuery,
  type Migration,
  type MigrationPhase,
  type MigrationPhaseState,
  type MigrationStatus,
  type MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';
import { dbNow, readDbNow, toNumber } from '../dbClock';
import type {
  AuditEntry,
  ListMigrationsOptions,
  NewMigration,
  PhaseSummary,
  ResolvedResource,
} from '../MigrationStore';
import {
  OPEN_TASK_STATUSES,
  type ApprovalRow,
  type MigrationRow,
  type PhaseRow,
  type TaskRow,
  parseJson,
  toApproval,
  toPhaseState,
  toTask,
} from '../rows';
import { INSERT_CHUNK, isUniqueViolation, chunks } from './util';
import { KnexStoreBase } from './KnexStoreBase';
import {
  involvements,
  requestedOnly,
  whereMatches,
  writeResources,
  writeWaves,
} from './resourceIndex';
import { NO_LEASE } from './taskQueries';

/** Migrations: creating, reading, listing and moving them between statuses. */
export class KnexMigrationRecords extends KnexStoreBase {
  async createMigration(
    input: NewMigration,
    audit: AuditEntry,
  ): Promise<{ migration: Migration; created: boolean }> {
    const findExisting = async (trx: Knex) => {
      if (!input.idempotencyKey) {
        return undefined;
      }
      const existing = await trx<MigrationRow>('migrations')
        .where({
          requested_by: input.requestedBy,
          idempotency_key: input.idempotencyKey,
        })
        .first();
      return existing
        ? (await this.toMigrations(trx, [existing as MigrationRow]))[0]
        : undefined;
    };

    try {
      return await this.db.transaction(async trx => {
        const existing = await findExisting(trx);
        if (existing) {
          return { migration: existing, created: false };
        }
        const now = await readDbNow(trx);
        await trx('migrations').insert({
          id: input.id,
          title: input.title,
          status: 'running',
          source_environment_id: input.sourceEnvironmentId,
          target: JSON.stringify(input.target),
          entity_refs: JSON.stringify(input.entityRefs),
          owner: input.owner,
          requested_by: input.requestedBy,
          options: JSON.stringify(input.options),
          gated_phases: JSON.stringify(input.gatedPhases),
          current_phase: MIGRATION_PHASES[0],
          idempotency_key: input.idempotencyKey ?? null,
          created_at: now,
          updated_at: now,
        });
        const refs = [...new Set(input.entityRefs.map(r => r.toLowerCase()))];
        for (const part of chunks(refs, INSERT_CHUNK)) {
          await trx('migration_entity_refs').insert(
            part.map(ref => ({ migration_id: input.id, entity_ref: ref })),
          );
        }
        await writeResources(
          trx,
          input.id,
          input.resources ?? requestedOnly(input.entityRefs),
        );
        await trx('phases').insert(
          MIGRATION_PHASES.map((phase, ordinal) => ({
            migration_id: input.id,
            phase,
            ordinal,
            status: 'pending',
          })),
        );
        await this.audit(trx, input.id, audit);
        return {
          migration: await this.loadMigration(trx, input.id),
          created: true,
        };
      });
    } catch (error) {
      if (input.idempotencyKey && isUniqueViolation(error)) {
        const existing = await findExisting(this.db);
        if (existing) {
          return { migration: existing, created: false };
        }
      }
      throw error;
    }
  }

  async getMigration(id: string): Promise<Migration | undefined> {
    const row = await this.db<MigrationRow>('migrations').where({ id }).first();
    return row
      ? (await this.toMigrations(this.db, [row as MigrationRow]))[0]
      : undefined;
  }

  async listMigrations(
    query: ListMigrationsQuery,
    options: ListMigrationsOptions = {},
  ): Promise<{ items: Migration[]; totalCount: number }> {
    const base = this.db<MigrationRow>('migrations');
    if (query.status && query.status.length > 0) {
      base.whereIn('status', query.status);
    }
    if (query.owner) {
      base.whereRaw('lower(owner) = ?', [query.owner.toLowerCase()]);
    }
    const entityRefs = [query.entityRef ?? []].flat();
    const match =
      options.match ??
      (entityRefs.length > 0
        ? { refs: entityRefs, containers: [], parts: [] }
        : undefined);
    if (match) {
      whereMatches(this.db, base, match);
    }
    if (options.where) {
      base.where(options.where);
    }
    const countRow = await base.clone().count({ n: '*' }).first();
    const rows = (await base
      .clone()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit ?? 50)
      .offset(query.offset ?? 0)) as MigrationRow[];
    const items = await this.toMigrations(this.db, rows);
    if (match) {
      const found = await involvements(
        this.db,
        items.map(m => m.id),
        match,
      );
      items.forEach(item => {
        const involvement = found.get(item.id);
        if (involvement) item.involvement = involvement;
      });
    }
    return { items, totalCount: toNumber(countRow?.n ?? 0) };
  }

  async replaceMigrationResources(
    migrationId: string,
    resources: ResolvedResource[],
  ): Promise<void> {
    await this.db.transaction(trx =>
      writeResources(trx, migrationId, resources),
    );
  }

  async setMigrationResourceWaves(
    migrationId: string,
    waves: Array<{ entityRef: string; wave: number }>,
  ): Promise<void> {
    await this.db.transaction(trx => writeWaves(trx, migrationId, waves));
  }

  async listActiveMigrationIds(): Promise<string[]> {
    const rows = await this.db('migrations')
      .whereIn('status', ['running', 'rolling_back'])
      .select('id');
    return rows.map(r => r.id);
  }

  async getPhases(migrationId: string): Promise<MigrationPhaseState[]> {
    const phases = (await this.db('phases')
      .where({ migration_id: migrationId })
      .orderBy('ordinal')) as PhaseRow[];
    const taskRows = (await this.db('tasks')
      .where({ migration_id: migrationId })
      .orderBy('seq')) as TaskRow[];
    const edges = await this.db('task_dependencies')
      .join('tasks', 'tasks.id', 'task_dependencies.task_id')
      .where('tasks.migration_id', migrationId)
      .select(
        'task_dependencies.task_id',
        'task_dependencies.depends_on_task_id',
      );
    const keyById = new Map(taskRows.map(t => [t.id, t.key]));
    const deps = new Map<string, string[]>();
    for (const edge of edges) {
      const list = deps.get(edge.task_id) ?? [];
      list.push(
        keyById.get(edge.depends_on_task_id) ?? edge.depends_on_task_id,
      );
      deps.set(edge.task_id, list);
    }
    const approvals = (await this.db('approvals').where({
      migration_id: migrationId,
    })) as ApprovalRow[];
    const progress = await this.phaseProgress(this.db, [migrationId]);
    return phases.map(phase =>
      toPhaseState(
        phase,
        taskRows
          .filter(t => t.phase === phase.phase)
          .map(t => toTask(t, (deps.get(t.id) ?? []).sort())),
        progress,
        approvals
          .filter(a => a.phase === phase.phase)
          .map(toApproval)
          .at(0),
      ),
    );
  }

  async transitionMigration(options: {
    id: string;
    from: MigrationStatus[];
    to: MigrationStatus;
    reason?: string | null;
    audit: AuditEntry;
    closeOpenWork?: boolean;
  }): Promise<Migration> {
    return this.db.transaction(async trx => {
      const row = await this.lockMigration(trx, options.id);
      if (!options.from.includes(row.status)) {
        throw new ConflictError(
          `Migration ${options.id} is ${row.status}; it cannot become ${options.to}`,
        );
      }
      const final = ['completed', 'cancelled', 'rolled_back'].includes(
        options.to,
      );
      await trx('migrations')
        .where({ id: options.id })
        .update({
          status: options.to,
          updated_at: dbNow(trx),
          ...(options.reason !== undefined
            ? { status_reason: options.reason }
            : {}),
          completed_at: final ? dbNow(trx) : null,
        });
      if (options.closeOpenWork) {
        await trx('tasks')
          .where({ migration_id: options.id })
          .whereIn('status', OPEN_TASK_STATUSES)
          .update({
            status: 'cancelled',
            ...NO_LEASE,
            completed_at: dbNow(trx),
            updated_at: dbNow(trx),
          });
        await trx('phases')
          .where({ migration_id: options.id })
          .whereIn('status', ['pending', 'running', 'awaiting_approval'])
          .update({ status: 'cancelled', completed_at: dbNow(trx) });
      }
      await this.audit(trx, options.id, options.audit);
      return this.loadMigration(trx, options.id);
    });
  }

  async getTask(taskId: string): Promise<MigrationTask | undefined> {
    const row = (await this.db('tasks').where({ id: taskId }).first()) as
      | TaskRow
      | undefined;
    if (!row) {
      return undefined;
    }
    const deps = await this.db('task_dependencies')
      .join('tasks', 'tasks.id', 'task_dependencies.depends_on_task_id')
      .where('task_dependencies.task_id', taskId)
      .select('tasks.key');
    return toTask(row, deps.map(d => d.key).sort());
  }

  async getTaskPayload(
    taskId: string,
  ): Promise<{ input: JsonObject; output?: JsonObject } | undefined> {
    const row = await this.db('tasks')
      .where({ id: taskId })
      .select('input', 'output')
      .first();
    if (!row) {
      return undefined;
    }
    return {
      input: parseJson<JsonObject>(row.input) ?? {},
      output: parseJson<JsonObject>(row.output),
    };
  }

  async getPhaseSummaries(migrationId: string): Promise<PhaseSummary[]> {
    const phases = (await this.db('phases')
      .where({ migration_id: migrationId })
      .orderBy('ordinal')) as PhaseRow[];
    const approvals = (await this.db('approvals').where({
      migration_id: migrationId,
    })) as ApprovalRow[];
    const counts = (await this.db('tasks')
      .where({ migration_id: migrationId })
      .groupBy('phase', 'mode', 'status')
      .select('phase', 'mode', 'status')
      .count({ n: '*' })) as Array<{
      phase: MigrationPhase;
      mode: 'run' | 'compensate';
      status: string;
      n: number | string;
    }>;
    return phases.map(phase => {
      const summary: PhaseSummary = {
        phase: phase.phase,
        status: phase.status,
        approvalStatus: approvals.find(a => a.phase === phase.phase)?.status,
        run: { open: 0, failed: 0, done: 0 },
        compensate: { open: 0, failed: 0, done: 0 },
      };
      for (const count of counts.filter(c => c.phase === phase.phase)) {
        const bucket = summary[count.mode];
        const n = toNumber(count.n);
        if ((OPEN_TASK_STATUSES as string[]).includes(count.status)) {
          bucket.open += n;
        } else if (count.status === 'failed') {
          bucket.failed += n;
        } else if (count.status === 'succeeded' || count.status === 'skipped') {
          bucket.done += n;
        }
      }
      return summary;
    });
  }
}
