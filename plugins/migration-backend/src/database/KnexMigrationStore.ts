import { createHash, randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  MIGRATION_PHASES,
  type Approval,
  type ArtifactSummary,
  type AuditEvent,
  type EnvironmentCheck,
  type ListMigrationsQuery,
  type Migration,
  type MigrationPhase,
  type MigrationPhaseState,
  type MigrationStatus,
  type MigrationTask,
  type PendingApproval,
} from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrateDatabase';
import {
  dbNow,
  dbNowPlus,
  isPostgres,
  nowSql,
  readDbNow,
  toNumber,
} from './dbClock';
import type {
  AuditEntry,
  ClaimedTask,
  ExpiredLease,
  MigrationStore,
  NewMigration,
  NewTask,
  OpenPhaseResult,
  PhaseSummary,
  TaskOutcome,
} from './MigrationStore';
import {
  OPEN_TASK_STATUSES,
  type ApprovalRow,
  type ArtifactRow,
  type AuditEventRow,
  type MigrationRow,
  type PhaseProgress,
  type PhaseRow,
  type TaskRow,
  migrationProgress,
  parseJson,
  phaseProgressKey,
  toApproval,
  toArtifactSummary,
  toAuditEvent,
  toMigration,
  toPhaseState,
  toTask,
} from './rows';

const INSERT_CHUNK = 200;
const ARTIFACT_COLUMNS = [
  'migration_id',
  'name',
  'media_type',
  'sha256',
  'size',
  'task_id',
  'created_at',
];

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * The knex implementation of {@link MigrationStore}, for PostgreSQL (several replicas) and
 * SQLite (one process).
 *
 * @public
 */
export class KnexMigrationStore implements MigrationStore {
  private readonly pg: boolean;

  /** Connects through the plugin's database service and applies the schema migrations. */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<KnexMigrationStore> {
    const knex = await options.database.getClient();
    if (!options.skipMigrations && !options.database.migrations?.skip) {
      await applyDatabaseMigrations(knex);
    }
    return new KnexMigrationStore(knex);
  }

  /** Wraps a knex instance whose schema is already migrated. */
  constructor(private readonly db: Knex) {
    this.pg = isPostgres(db);
  }

  // ---------------------------------------------------------------- helpers

  private lock<T extends Knex.QueryBuilder>(query: T): T {
    return (this.pg ? query.forUpdate() : query) as T;
  }

  private async audit(
    trx: Knex,
    migrationId: string,
    entries: AuditEntry | AuditEntry[],
  ) {
    const list = Array.isArray(entries) ? entries : [entries];
    await this.auditMany(
      trx,
      list.map(entry => ({ ...entry, migrationId })),
    );
  }

  private async auditMany(
    trx: Knex,
    entries: Array<AuditEntry & { migrationId: string }>,
  ) {
    for (const part of chunks(entries, INSERT_CHUNK)) {
      await trx('audit_events').insert(
        part.map(entry => ({
          migration_id: entry.migrationId,
          at: dbNow(trx),
          actor: entry.actor,
          action: entry.action,
          phase: entry.phase ?? null,
          task_id: entry.taskId ?? null,
          detail: entry.detail ? JSON.stringify(entry.detail) : null,
        })),
      );
    }
  }

  private async phaseProgress(
    trx: Knex,
    migrationIds: string[],
  ): Promise<PhaseProgress> {
    const result: PhaseProgress = new Map();
    if (migrationIds.length === 0) {
      return result;
    }
    const rows = await trx('tasks')
      .whereIn('migration_id', migrationIds)
      .where('mode', 'run')
      .groupBy('migration_id', 'phase')
      .select('migration_id', 'phase')
      .avg({ progress: 'progress' });
    for (const row of rows as Array<{
      migration_id: string;
      phase: string;
      progress: number | string;
    }>) {
      result.set(
        phaseProgressKey(row.migration_id, row.phase),
        toNumber(row.progress),
      );
    }
    return result;
  }

  private async toMigrations(
    trx: Knex,
    rows: MigrationRow[],
  ): Promise<Migration[]> {
    if (rows.length === 0) {
      return [];
    }
    const ids = rows.map(r => r.id);
    const phases = (await trx('phases').whereIn(
      'migration_id',
      ids,
    )) as PhaseRow[];
    const progress = await this.phaseProgress(trx, ids);
    return rows.map(row =>
      toMigration(
        row,
        migrationProgress(
          row,
          phases.filter(p => p.migration_id === row.id),
          progress,
        ),
      ),
    );
  }

  private async loadMigration(trx: Knex, id: string): Promise<Migration> {
    const row = await trx<MigrationRow>('migrations').where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No migration with id ${id}`);
    }
    return (await this.toMigrations(trx, [row]))[0];
  }

  private async lockMigration(trx: Knex, id: string): Promise<MigrationRow> {
    const row = await this.lock(
      trx<MigrationRow>('migrations').where({ id }),
    ).first();
    if (!row) {
      throw new NotFoundError(`No migration with id ${id}`);
    }
    return row as MigrationRow;
  }

  private async insertTasks(
    trx: Knex,
    migrationId: string,
    tasks: NewTask[],
    now: number,
  ) {
    if (tasks.length === 0) {
      return;
    }
    const maxSeq = await trx('tasks')
      .where({ migration_id: migrationId })
      .max({ seq: 'seq' })
      .first();
    let seq = toNumber(maxSeq?.seq ?? 0) || 0;
    const rows = tasks.map(task => ({
      id: task.id,
      migration_id: migrationId,
      phase: task.phase,
      task_type: task.taskType,
      key: task.key,
      title: truncate(task.title, 500),
      mode: task.mode,
      compensates_task_id: task.compensatesTaskId ?? null,
      status: task.dependsOnTaskIds.length > 0 ? 'pending' : 'ready',
      pending_deps: task.dependsOnTaskIds.length,
      progress: 0,
      attempts: 0,
      max_attempts: task.maxAttempts,
      input: JSON.stringify(task.input ?? {}),
      seq: ++seq,
      available_at: now,
      created_at: now,
      updated_at: now,
    }));
    for (const part of chunks(rows, INSERT_CHUNK)) {
      await trx('tasks').insert(part);
    }
    const edges = tasks.flatMap(task =>
      task.dependsOnTaskIds.map(dep => ({
        task_id: task.id,
        depends_on_task_id: dep,
      })),
    );
    for (const part of chunks(edges, INSERT_CHUNK)) {
      await trx('task_dependencies').insert(part);
    }
  }

  /** Fails the migration (and the task's phase) after a task failed for good. */
  private async failForTask(
    trx: Knex,
    task: TaskRow,
    error: string,
    actor: string,
  ): Promise<MigrationStatus | undefined> {
    if (task.mode === 'run') {
      await trx('phases')
        .where({ migration_id: task.migration_id, phase: task.phase })
        .whereIn('status', ['running'])
        .update({ status: 'failed', completed_at: dbNow(trx) });
    }
    const reason = truncate(
      `${task.mode === 'compensate' ? 'Rollback task' : 'Task'} "${
        task.title
      }" failed after ${task.attempts} attempt(s): ${error}`,
      2000,
    );
    const changed = await trx('migrations')
      .where({ id: task.migration_id })
      .whereIn('status', [
        'running',
        'paused',
        'awaiting_approval',
        'rolling_back',
      ])
      .update({
        status: 'failed',
        status_reason: reason,
        updated_at: dbNow(trx),
      });
    if (changed > 0) {
      await this.audit(trx, task.migration_id, {
        actor,
        action: 'migration.failed',
        phase: task.phase,
        taskId: task.id,
        detail: { reason },
      });
      return 'failed';
    }
    return undefined;
  }

  /** Whether a task of the same phase (or rollback) is still waiting to run. */
  private async hasWaitingTasks(trx: Knex, task: TaskRow): Promise<boolean> {
    const query = trx('tasks')
      .where({ migration_id: task.migration_id, mode: task.mode })
      .whereIn('status', ['pending', 'ready']);
    if (task.mode === 'run') {
      query.where({ phase: task.phase });
    }
    return !!(await query.select('id').first());
  }

  // ------------------------------------------------------------- migrations

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
  ): Promise<{ items: Migration[]; totalCount: number }> {
    const base = this.db<MigrationRow>('migrations');
    if (query.status && query.status.length > 0) {
      base.whereIn('status', query.status);
    }
    if (query.owner) {
      base.whereRaw('lower(owner) = ?', [query.owner.toLowerCase()]);
    }
    if (query.entityRef) {
      base.whereIn(
        'id',
        this.db('migration_entity_refs')
          .where('entity_ref', query.entityRef.toLowerCase())
          .select('migration_id'),
      );
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
    return {
      items: await this.toMigrations(this.db, rows),
      totalCount: toNumber(countRow?.n ?? 0),
    };
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
            lease_owner: null,
            lease_expires_at: null,
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

  // ----------------------------------------------------------------- phases

  async openPhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    tasks: NewTask[];
    audit: AuditEntry;
  }): Promise<OpenPhaseResult> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const phase = (await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as PhaseRow | undefined;
      if (migration.status !== 'running' || phase?.status !== 'pending') {
        return 'conflict';
      }
      const now = await readDbNow(trx);
      await trx('migrations')
        .where({ id: options.migrationId })
        .update({ current_phase: options.phase, updated_at: now });
      if (options.tasks.length === 0) {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'skipped', started_at: now, completed_at: now });
        await this.audit(trx, options.migrationId, {
          ...options.audit,
          action: 'phase.skipped',
          detail: { ...options.audit.detail, reason: 'no tasks planned' },
        });
        return 'skipped';
      }
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'running', started_at: now });
      await this.insertTasks(trx, options.migrationId, options.tasks, now);
      await this.audit(trx, options.migrationId, options.audit);
      return 'opened';
    });
  }

  async gatePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<boolean> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const phase = (await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as PhaseRow | undefined;
      if (migration.status !== 'running' || phase?.status !== 'pending') {
        return false;
      }
      const now = await readDbNow(trx);
      await trx('approvals')
        .insert({
          migration_id: options.migrationId,
          phase: options.phase,
          status: 'pending',
          requested_at: now,
        })
        .onConflict(['migration_id', 'phase'])
        .merge({
          status: 'pending',
          requested_at: now,
          decided_by: null,
          decided_at: null,
          comment: null,
        });
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'awaiting_approval' });
      await trx('migrations').where({ id: options.migrationId }).update({
        status: 'awaiting_approval',
        current_phase: options.phase,
        updated_at: now,
      });
      await this.audit(trx, options.migrationId, options.audit);
      return true;
    });
  }

  async completePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<{ durationMs: number } | undefined> {
    return this.db.transaction(async trx => {
      await this.lockMigration(trx, options.migrationId);
      const phase = (await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as PhaseRow | undefined;
      if (phase?.status !== 'running') {
        return undefined;
      }
      const unfinished = await trx('tasks')
        .where({
          migration_id: options.migrationId,
          phase: options.phase,
          mode: 'run',
        })
        .whereNotIn('status', ['succeeded', 'skipped'])
        .count({ n: '*' })
        .first();
      if (toNumber(unfinished?.n ?? 0) > 0) {
        return undefined;
      }
      const now = await readDbNow(trx);
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'succeeded', completed_at: now });
      await trx('migrations')
        .where({ id: options.migrationId })
        .update({ updated_at: now });
      await this.audit(trx, options.migrationId, options.audit);
      return { durationMs: now - toNumber(phase.started_at ?? now) };
    });
  }

  async completeMigration(
    migrationId: string,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const changed = await trx('migrations')
        .where({ id: migrationId, status: 'running' })
        .update({
          status: 'completed',
          status_reason: null,
          updated_at: dbNow(trx),
          completed_at: dbNow(trx),
        });
      if (changed > 0) {
        await this.audit(trx, migrationId, audit);
      }
      return changed > 0;
    });
  }

  async finishRollback(
    migrationId: string,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, migrationId);
      if (migration.status !== 'rolling_back') {
        return false;
      }
      const blocking = await trx('tasks')
        .where({ migration_id: migrationId, mode: 'compensate' })
        .whereNotIn('status', ['succeeded', 'skipped'])
        .count({ n: '*' })
        .first();
      if (toNumber(blocking?.n ?? 0) > 0) {
        return false;
      }
      const compensated = await trx('tasks')
        .where({
          migration_id: migrationId,
          mode: 'compensate',
          status: 'succeeded',
        })
        .distinct('phase');
      await trx('phases')
        .where({ migration_id: migrationId })
        .whereIn(
          'phase',
          compensated.map(r => r.phase),
        )
        .update({ status: 'rolled_back' });
      await trx('migrations')
        .where({ id: migrationId })
        .update({
          status: 'rolled_back',
          updated_at: dbNow(trx),
          completed_at: dbNow(trx),
        });
      await this.audit(trx, migrationId, audit);
      return true;
    });
  }

  // -------------------------------------------------------------- approvals

  async decideApproval(options: {
    migrationId: string;
    phase: MigrationPhase;
    decision: 'approve' | 'reject';
    decidedBy: string;
    comment: string;
  }): Promise<{ approval: Approval; migration: Migration }> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const approval = (await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as ApprovalRow | undefined;
      if (!approval) {
        throw new NotFoundError(
          `Migration ${options.migrationId} has no approval for phase ${options.phase}`,
        );
      }
      if (approval.status !== 'pending') {
        throw new ConflictError(
          `The ${options.phase} phase of migration ${options.migrationId} was already ${approval.status}`,
        );
      }
      if (migration.status !== 'awaiting_approval') {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}, not awaiting approval`,
        );
      }
      const now = await readDbNow(trx);
      const approved = options.decision === 'approve';
      await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({
          status: approved ? 'approved' : 'rejected',
          decided_by: options.decidedBy,
          decided_at: now,
          comment: options.comment,
        });
      const entries: AuditEntry[] = [
        {
          actor: options.decidedBy,
          action: approved ? 'phase.approved' : 'phase.rejected',
          phase: options.phase,
          detail: { comment: options.comment },
        },
      ];
      if (approved) {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'pending' });
        await trx('migrations')
          .where({ id: options.migrationId })
          .update({ status: 'running', status_reason: null, updated_at: now });
      } else {
        const reason = truncate(
          `The ${options.phase} phase was rejected by ${options.decidedBy}: ${options.comment}`,
          2000,
        );
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'failed', completed_at: now });
        await trx('migrations')
          .where({ id: options.migrationId })
          .update({ status: 'failed', status_reason: reason, updated_at: now });
        entries.push({
          actor: options.decidedBy,
          action: 'migration.failed',
          phase: options.phase,
          detail: { reason },
        });
      }
      await this.audit(trx, options.migrationId, entries);
      const row = (await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as ApprovalRow;
      return {
        approval: toApproval(row),
        migration: await this.loadMigration(trx, options.migrationId),
      };
    });
  }

  async listApprovals(options: {
    status: Approval['status'];
  }): Promise<PendingApproval[]> {
    const query = this.db('approvals')
      .join('migrations', 'migrations.id', 'approvals.migration_id')
      .where('approvals.status', options.status)
      .orderBy('approvals.requested_at', 'asc')
      .select('approvals.*')
      .limit(500);
    if (options.status === 'pending') {
      query.where('migrations.status', 'awaiting_approval');
    }
    const rows = (await query) as ApprovalRow[];
    const migrationRows = (await this.db('migrations').whereIn(
      'id',
      rows.map(r => r.migration_id),
    )) as MigrationRow[];
    const migrations = new Map(
      (await this.toMigrations(this.db, migrationRows)).map(m => [m.id, m]),
    );
    return rows.map(row => ({
      ...toApproval(row),
      migration: migrations.get(row.migration_id)!,
    }));
  }

  // --------------------------------------------------------------- controls

  async startRollback(options: {
    migrationId: string;
    from: MigrationStatus[];
    compensations: NewTask[];
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<Migration> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      if (!options.from.includes(migration.status)) {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}; it cannot be rolled back`,
        );
      }
      const now = await readDbNow(trx);
      await trx('tasks')
        .where({ migration_id: options.migrationId, mode: 'run' })
        .whereIn('status', OPEN_TASK_STATUSES)
        .update({
          status: 'cancelled',
          lease_owner: null,
          lease_expires_at: null,
          completed_at: now,
          updated_at: now,
        });
      await trx('phases')
        .where({ migration_id: options.migrationId })
        .whereIn('status', ['pending', 'awaiting_approval', 'running'])
        .update({ status: 'cancelled', completed_at: now });
      await trx('tasks')
        .where({
          migration_id: options.migrationId,
          mode: 'compensate',
          status: 'failed',
        })
        .update({
          status: 'ready',
          available_at: now,
          updated_at: now,
          completed_at: null,
          max_attempts: trx.raw('attempts + ?', [options.additionalAttempts]),
        });
      await this.insertTasks(
        trx,
        options.migrationId,
        options.compensations,
        now,
      );
      await trx('migrations').where({ id: options.migrationId }).update({
        status: 'rolling_back',
        updated_at: now,
        completed_at: null,
      });
      await this.audit(trx, options.migrationId, options.audit);
      return this.loadMigration(trx, options.migrationId);
    });
  }

  async retryTask(options: {
    migrationId: string;
    taskId: string;
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<{ task: MigrationTask; migration: Migration }> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const task = (await trx('tasks')
        .where({ id: options.taskId, migration_id: options.migrationId })
        .first()) as TaskRow | undefined;
      if (!task) {
        throw new NotFoundError(
          `Migration ${options.migrationId} has no task ${options.taskId}`,
        );
      }
      if (task.status !== 'failed') {
        throw new ConflictError(
          `Task ${options.taskId} is ${task.status}; only failed tasks can be retried`,
        );
      }
      const resumed: MigrationStatus =
        task.mode === 'run' ? 'running' : 'rolling_back';
      if (migration.status !== 'failed' && migration.status !== resumed) {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}; its tasks cannot be retried`,
        );
      }
      const now = await readDbNow(trx);
      await trx('tasks')
        .where({ id: options.taskId })
        .update({
          status: 'ready',
          available_at: now,
          updated_at: now,
          completed_at: null,
          max_attempts: task.attempts + options.additionalAttempts,
        });
      if (task.mode === 'run') {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: task.phase })
          .where('status', 'failed')
          .update({ status: 'running', completed_at: null });
      }
      await trx('migrations').where({ id: options.migrationId }).update({
        status: resumed,
        status_reason: null,
        updated_at: now,
        completed_at: null,
      });
      await this.audit(trx, options.migrationId, options.audit);
      const updated = (await trx('tasks')
        .where({ id: options.taskId })
        .first()) as TaskRow;
      const deps = await trx('task_dependencies')
        .join('tasks', 'tasks.id', 'task_dependencies.depends_on_task_id')
        .where('task_dependencies.task_id', options.taskId)
        .select('tasks.key');
      return {
        task: toTask(updated, deps.map(d => d.key).sort()),
        migration: await this.loadMigration(trx, options.migrationId),
      };
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

  // ------------------------------------------------------------ worker side

  async claimTasks(options: {
    workerId: string;
    limit: number;
    leaseDurationMs: number;
  }): Promise<ClaimedTask[]> {
    if (options.limit <= 0) {
      return [];
    }
    const leaseToken = `${options.workerId}/${randomUUID()}`;
    return this.pg
      ? this.claimTasksPg(options, leaseToken)
      : this.claimTasksInTransaction(options, leaseToken);
  }

  private toClaimed(
    row: TaskRow,
    attempt: number,
    leaseToken: string,
    claimedAt: number,
  ): ClaimedTask {
    return {
      id: row.id,
      migrationId: row.migration_id,
      phase: row.phase,
      taskType: row.task_type,
      key: row.key,
      title: row.title,
      mode: row.mode,
      compensatesTaskId: row.compensates_task_id ?? undefined,
      input: parseJson<JsonObject>(row.input) ?? {},
      attempt,
      maxAttempts: row.max_attempts,
      leaseToken,
      availableAt: toNumber(row.available_at),
      claimedAt,
    };
  }

  /**
   * PostgreSQL: one statement — pick ready rows with FOR UPDATE SKIP LOCKED, lease them and write
   * their audit events — so a claim is one round trip and concurrent workers never wait on each
   * other's rows.
   */
  private async claimTasksPg(
    options: { workerId: string; limit: number; leaseDurationMs: number },
    leaseToken: string,
  ): Promise<ClaimedTask[]> {
    const now = nowSql(this.db);
    const { rows } = await this.db.raw(
      `with clock as (select ${now} as now),
       picked as (
         select t.id from tasks t
         join migrations m on m.id = t.migration_id
         where t.status = 'ready'
           and t.available_at <= (select now from clock)
           and ((t.mode = 'run' and m.status = 'running')
             or (t.mode = 'compensate' and m.status = 'rolling_back'))
         order by t.available_at, t.seq
         limit ?
         for update of t skip locked
       ),
       claimed as (
         update tasks set
           status = 'running',
           lease_owner = ?,
           lease_expires_at = (select now from clock) + ?,
           attempts = tasks.attempts + 1,
           started_at = (select now from clock),
           updated_at = (select now from clock),
           progress = 0
         from picked where tasks.id = picked.id
         returning tasks.*
       ),
       audit as (
         insert into audit_events (migration_id, at, actor, action, phase, task_id, detail)
         select migration_id, (select now from clock), 'plugin:migration', 'task.started',
                phase, id, json_build_object('attempt', attempts, 'worker', ?::text)::text
         from claimed
       )
       select claimed.*, (select now from clock) as claimed_at
       from claimed order by available_at, seq`,
      [
        options.limit,
        leaseToken,
        Math.round(options.leaseDurationMs),
        options.workerId,
      ],
    );
    return (rows as Array<TaskRow & { claimed_at: string }>).map(row =>
      this.toClaimed(row, row.attempts, leaseToken, toNumber(row.claimed_at)),
    );
  }

  /** SQLite (single writer): select and lease in one transaction. */
  private async claimTasksInTransaction(
    options: { workerId: string; limit: number; leaseDurationMs: number },
    leaseToken: string,
  ): Promise<ClaimedTask[]> {
    return this.db.transaction(async trx => {
      const now = await readDbNow(trx);
      const rows = (await trx('tasks as t')
        .join('migrations as m', 'm.id', 't.migration_id')
        .where('t.status', 'ready')
        .where('t.available_at', '<=', now)
        .where(outer =>
          outer
            .where(q => q.where('t.mode', 'run').where('m.status', 'running'))
            .orWhere(q =>
              q.where('t.mode', 'compensate').where('m.status', 'rolling_back'),
            ),
        )
        .orderBy([
          { column: 't.available_at', order: 'asc' },
          { column: 't.seq', order: 'asc' },
        ])
        .limit(options.limit)
        .select('t.*')) as TaskRow[];
      if (rows.length === 0) {
        return [];
      }
      await trx('tasks')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .update({
          status: 'running',
          lease_owner: leaseToken,
          lease_expires_at: now + options.leaseDurationMs,
          attempts: trx.raw('attempts + 1'),
          started_at: now,
          updated_at: now,
          progress: 0,
        });
      await this.auditMany(
        trx,
        rows.map(row => ({
          migrationId: row.migration_id,
          actor: 'plugin:migration',
          action: 'task.started',
          phase: row.phase,
          taskId: row.id,
          detail: { attempt: row.attempts + 1, worker: options.workerId },
        })),
      );
      return rows.map(row =>
        this.toClaimed(row, row.attempts + 1, leaseToken, now),
      );
    });
  }

  async heartbeat(options: {
    taskId: string;
    leaseToken: string;
    leaseDurationMs: number;
  }): Promise<boolean> {
    const changed = await this.db('tasks')
      .where({
        id: options.taskId,
        lease_owner: options.leaseToken,
        status: 'running',
      })
      .update({
        lease_expires_at: dbNowPlus(this.db, options.leaseDurationMs),
      });
    return changed > 0;
  }

  async reportProgress(options: {
    taskId: string;
    leaseToken: string;
    progress: number;
    message?: string;
  }): Promise<boolean> {
    const changed = await this.db('tasks')
      .where({
        id: options.taskId,
        lease_owner: options.leaseToken,
        status: 'running',
      })
      .update({
        progress: Math.max(0, Math.min(1, options.progress)),
        ...(options.message !== undefined
          ? { message: truncate(options.message, 2000) }
          : {}),
        updated_at: dbNow(this.db),
      });
    return changed > 0;
  }

  async completeTask(options: {
    taskId: string;
    leaseToken: string;
    output: JsonObject;
    audit: AuditEntry;
  }): Promise<TaskOutcome | undefined> {
    return this.pg
      ? this.completeTaskPg(options)
      : this.completeTaskInTransaction(options);
  }

  /**
   * PostgreSQL: one statement. Dependents count down `pending_deps` under their row locks, so two
   * dependencies finishing at the same moment cannot both miss promoting their dependent.
   */
  private async completeTaskPg(options: {
    taskId: string;
    leaseToken: string;
    output: JsonObject;
    audit: AuditEntry;
  }): Promise<TaskOutcome | undefined> {
    const now = nowSql(this.db);
    const { rows } = await this.db.raw(
      `with clock as (select ${now} as now),
       done as (
         update tasks set
           status = 'succeeded', progress = 1, output = ?, error = null,
           lease_owner = null, lease_expires_at = null,
           completed_at = (select now from clock), updated_at = (select now from clock)
         where id = ? and lease_owner = ? and status = 'running'
         returning id, migration_id, phase, mode
       ),
       promoted as (
         update tasks t set
           pending_deps = t.pending_deps - 1,
           status = case when t.pending_deps <= 1 then 'ready' else t.status end,
           available_at = case when t.pending_deps <= 1 then (select now from clock) else t.available_at end,
           updated_at = (select now from clock)
         from done, task_dependencies d
         where d.depends_on_task_id = done.id and t.id = d.task_id and t.status = 'pending'
         returning t.id, t.status
       ),
       audit as (
         insert into audit_events (migration_id, at, actor, action, phase, task_id, detail)
         select migration_id, (select now from clock), ?, ?, phase, id, ? from done
       )
       select done.*,
         (select coalesce(json_agg(p.id), '[]'::json) from promoted p where p.status = 'ready') as promoted,
         exists (select 1 from tasks o
           where o.migration_id = done.migration_id and o.mode = done.mode
             and (done.mode <> 'run' or o.phase = done.phase)
             and o.status in ('pending', 'ready')) as waiting
       from done`,
      [
        JSON.stringify(options.output),
        options.taskId,
        options.leaseToken,
        options.audit.actor,
        options.audit.action,
        options.audit.detail ? JSON.stringify(options.audit.detail) : null,
      ],
    );
    const row = rows[0] as
      | {
          id: string;
          migration_id: string;
          phase: MigrationPhase;
          mode: 'run' | 'compensate';
          promoted: string[];
          waiting: boolean;
        }
      | undefined;
    if (!row) {
      return undefined;
    }
    return {
      taskId: row.id,
      migrationId: row.migration_id,
      phase: row.phase,
      mode: row.mode,
      status: 'succeeded',
      promotedTaskIds: row.promoted,
      phaseSettled: !row.waiting,
    };
  }

  private async completeTaskInTransaction(options: {
    taskId: string;
    leaseToken: string;
    output: JsonObject;
    audit: AuditEntry;
  }): Promise<TaskOutcome | undefined> {
    return this.db.transaction(async trx => {
      const updated = (await trx('tasks')
        .where({
          id: options.taskId,
          lease_owner: options.leaseToken,
          status: 'running',
        })
        .update({
          status: 'succeeded',
          progress: 1,
          output: JSON.stringify(options.output),
          error: null,
          lease_owner: null,
          lease_expires_at: null,
          completed_at: dbNow(trx),
          updated_at: dbNow(trx),
        })
        .returning('*')) as TaskRow[];
      const task = updated[0];
      if (!task) {
        return undefined;
      }
      const promoted = (await trx('tasks')
        .whereIn(
          'id',
          trx('task_dependencies')
            .where('depends_on_task_id', task.id)
            .select('task_id'),
        )
        .where('status', 'pending')
        .update({
          pending_deps: trx.raw('pending_deps - 1'),
          status: trx.raw(
            "case when pending_deps <= 1 then 'ready' else status end",
          ),
          available_at: trx.raw(
            `case when pending_deps <= 1 then ${nowSql(
              trx,
            )} else available_at end`,
          ),
          updated_at: dbNow(trx),
        })
        .returning(['id', 'status'])) as Array<{ id: string; status: string }>;
      await this.audit(trx, task.migration_id, {
        ...options.audit,
        phase: task.phase,
        taskId: task.id,
      });
      const waiting = await this.hasWaitingTasks(trx, task);
      return {
        taskId: task.id,
        migrationId: task.migration_id,
        phase: task.phase,
        mode: task.mode,
        status: 'succeeded',
        promotedTaskIds: promoted
          .filter(p => p.status === 'ready')
          .map(p => p.id),
        phaseSettled: !waiting,
      };
    });
  }

  async failTask(options: {
    taskId: string;
    leaseToken: string;
    error: string;
    retryDelayMs?: number;
    audit: AuditEntry;
  }): Promise<TaskOutcome | undefined> {
    return this.db.transaction(async trx => {
      const task = (await this.lock(
        trx('tasks').where({
          id: options.taskId,
          lease_owner: options.leaseToken,
          status: 'running',
        }),
      ).first()) as TaskRow | undefined;
      if (!task) {
        return undefined;
      }
      const error = truncate(options.error, 4000);
      const now = await readDbNow(trx);
      const outcome: TaskOutcome = {
        taskId: task.id,
        migrationId: task.migration_id,
        phase: task.phase,
        mode: task.mode,
        status: 'failed',
        promotedTaskIds: [],
        phaseSettled: false,
      };
      if (
        options.retryDelayMs !== undefined &&
        task.attempts < task.max_attempts
      ) {
        const nextAttemptAt = now + Math.max(0, options.retryDelayMs);
        await trx('tasks').where({ id: task.id }).update({
          status: 'ready',
          error,
          lease_owner: null,
          lease_expires_at: null,
          available_at: nextAttemptAt,
          updated_at: now,
        });
        await this.audit(trx, task.migration_id, {
          ...options.audit,
          action: 'task.retry_scheduled',
          phase: task.phase,
          taskId: task.id,
          detail: {
            attempt: task.attempts,
            maxAttempts: task.max_attempts,
            error,
            nextAttemptAt: new Date(nextAttemptAt).toISOString(),
          },
        });
        return { ...outcome, status: 'ready', nextAttemptAt };
      }
      await trx('tasks').where({ id: task.id }).update({
        status: 'failed',
        error,
        lease_owner: null,
        lease_expires_at: null,
        completed_at: now,
        updated_at: now,
      });
      await this.audit(trx, task.migration_id, {
        ...options.audit,
        action: 'task.failed',
        phase: task.phase,
        taskId: task.id,
        detail: { attempt: task.attempts, error },
      });
      const migrationStatus = await this.failForTask(
        trx,
        task,
        error,
        options.audit.actor,
      );
      return { ...outcome, migrationStatus };
    });
  }

  async getCheckpoint(
    taskId: string,
    key: string,
  ): Promise<{ value: JsonValue | undefined } | undefined> {
    const row = await this.db('task_checkpoints')
      .where({ task_id: taskId, key })
      .first();
    return row ? { value: parseJson<JsonValue>(row.value) } : undefined;
  }

  async putCheckpoint(options: {
    taskId: string;
    leaseToken: string;
    key: string;
    value: JsonValue | undefined;
  }): Promise<boolean> {
    return this.db.transaction(async trx => {
      const held = await this.lock(
        trx('tasks').where({
          id: options.taskId,
          lease_owner: options.leaseToken,
          status: 'running',
        }),
      )
        .select('id')
        .first();
      if (!held) {
        return false;
      }
      await trx('task_checkpoints')
        .insert({
          task_id: options.taskId,
          key: options.key,
          value:
            options.value === undefined ? null : JSON.stringify(options.value),
          created_at: dbNow(trx),
        })
        .onConflict(['task_id', 'key'])
        .ignore();
      return true;
    });
  }

  async releaseTask(options: {
    taskId: string;
    leaseToken: string;
  }): Promise<boolean> {
    const changed = await this.db('tasks')
      .where({
        id: options.taskId,
        lease_owner: options.leaseToken,
        status: 'running',
      })
      .update({
        status: 'ready',
        attempts: this.db.raw('attempts - 1'),
        lease_owner: null,
        lease_expires_at: null,
        available_at: dbNow(this.db),
        updated_at: dbNow(this.db),
      });
    return changed > 0;
  }

  async returnExpiredLeases(): Promise<ExpiredLease[]> {
    return this.db.transaction(async trx => {
      const now = await readDbNow(trx);
      let query = trx('tasks')
        .where('status', 'running')
        .where('lease_expires_at', '<', now)
        .limit(500);
      if (this.pg) {
        query = query.forUpdate().skipLocked();
      }
      const rows = (await query) as TaskRow[];
      const result: ExpiredLease[] = [];
      for (const task of rows) {
        const error = `The lease of attempt ${task.attempts} expired (its worker stopped or lost the database)`;
        if (task.attempts >= task.max_attempts) {
          await trx('tasks').where({ id: task.id }).update({
            status: 'failed',
            error,
            lease_owner: null,
            lease_expires_at: null,
            completed_at: now,
            updated_at: now,
          });
          await this.audit(trx, task.migration_id, {
            actor: 'plugin:migration',
            action: 'task.failed',
            phase: task.phase,
            taskId: task.id,
            detail: { attempt: task.attempts, error },
          });
          const migrationStatus = await this.failForTask(
            trx,
            task,
            error,
            'plugin:migration',
          );
          result.push({
            taskId: task.id,
            migrationId: task.migration_id,
            phase: task.phase,
            status: 'failed',
            migrationStatus,
          });
        } else {
          await trx('tasks').where({ id: task.id }).update({
            status: 'ready',
            error,
            lease_owner: null,
            lease_expires_at: null,
            available_at: now,
            updated_at: now,
          });
          await this.audit(trx, task.migration_id, {
            actor: 'plugin:migration',
            action: 'task.lease_expired',
            phase: task.phase,
            taskId: task.id,
            detail: { attempt: task.attempts },
          });
          result.push({
            taskId: task.id,
            migrationId: task.migration_id,
            phase: task.phase,
            status: 'ready',
          });
        }
      }
      return result;
    });
  }

  async getQueueDepth(): Promise<number> {
    const row = await this.db('tasks as t')
      .join('migrations as m', 'm.id', 't.migration_id')
      .where('t.status', 'ready')
      .where('t.available_at', '<=', dbNow(this.db))
      .where(outer =>
        outer
          .where(q => q.where('t.mode', 'run').where('m.status', 'running'))
          .orWhere(q =>
            q.where('t.mode', 'compensate').where('m.status', 'rolling_back'),
          ),
      )
      .count({ n: '*' })
      .first();
    return toNumber(row?.n ?? 0);
  }

  // -------------------------------------------------------------- artifacts

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
    return this.db.transaction(async trx => {
      if (options.leaseToken) {
        const held = await this.lock(
          trx('tasks').where({
            id: options.taskId,
            lease_owner: options.leaseToken,
            status: 'running',
          }),
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
        content: options.content,
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

  async getArtifact(
    migrationId: string,
    name: string,
  ): Promise<{ summary: ArtifactSummary; content: Buffer } | undefined> {
    const row = await this.db('artifacts')
      .where({ migration_id: migrationId, name })
      .first();
    if (!row) {
      return undefined;
    }
    return {
      summary: toArtifactSummary(row as ArtifactRow),
      content: Buffer.isBuffer(row.content)
        ? row.content
        : Buffer.from(row.content),
    };
  }

  async listArtifacts(migrationId: string): Promise<ArtifactSummary[]> {
    const rows = (await this.db('artifacts')
      .where({ migration_id: migrationId })
      .orderBy('name')
      .select(ARTIFACT_COLUMNS)) as ArtifactRow[];
    return rows.map(toArtifactSummary);
  }

  // ------------------------------------------------------------------ audit

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

  // ----------------------------------------------------------- environments

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
