import { NotFoundError } from '@backstage/errors';
import {
  type Migration,
  type MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';
import { dbNow, isPostgres, toNumber } from '../dbClock';
import type { AuditEntry, NewTask } from '../MigrationStore';
import {
  type MigrationRow,
  type PhaseProgress,
  type PhaseRow,
  type TaskRow,
  migrationProgress,
  phaseProgressKey,
  toMigration,
} from '../rows';
import { PreparedStatements } from './prepared';
import { resourceCounts } from './resourceIndex';
import { NO_LEASE, heldTask } from './taskQueries';
import { INSERT_CHUNK, chunks, truncate } from './util';

/** Shared plumbing of the knex store's parts: the connection, the dialect, audit and row helpers. */
export class KnexStoreBase {
  protected readonly pg: boolean;
  /** The hot statements on PostgreSQL, planned once per connection. */
  protected readonly prepared: PreparedStatements;

  constructor(protected readonly db: Knex) {
    this.pg = isPostgres(db);
    this.prepared = new PreparedStatements(db);
  }

  protected lock<T extends Knex.QueryBuilder>(query: T): T {
    return (this.pg ? query.forUpdate() : query) as T;
  }

  protected async audit(
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

  protected async auditMany(
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

  protected async phaseProgress(
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

  protected async toMigrations(
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
    const pausing = await this.pausingMigrations(trx, rows);
    const counts = await resourceCounts(trx, ids);
    return rows.map(row => ({
      ...toMigration(
        row,
        migrationProgress(
          row,
          phases.filter(p => p.migration_id === row.id),
          progress,
        ),
        pausing.has(row.id),
      ),
      resourceCount: counts.get(row.id) ?? 0,
    }));
  }

  /** Paused migrations of `rows` whose run tasks have not all stopped yet. */
  private async pausingMigrations(
    trx: Knex,
    rows: MigrationRow[],
  ): Promise<Set<string>> {
    const paused = rows.filter(r => r.status === 'paused').map(r => r.id);
    if (paused.length === 0) {
      return new Set();
    }
    const running = await trx('tasks')
      .whereIn('migration_id', paused)
      .where({ status: 'running', mode: 'run' })
      .distinct('migration_id');
    return new Set(running.map(r => r.migration_id as string));
  }

  protected async loadMigration(trx: Knex, id: string): Promise<Migration> {
    const row = await trx<MigrationRow>('migrations').where({ id }).first();
    if (!row) {
      throw new NotFoundError(`No migration with id ${id}`);
    }
    return (await this.toMigrations(trx, [row]))[0];
  }

  protected async lockMigration(trx: Knex, id: string): Promise<MigrationRow> {
    const row = await this.lock(
      trx<MigrationRow>('migrations').where({ id }),
    ).first();
    if (!row) {
      throw new NotFoundError(`No migration with id ${id}`);
    }
    return row as MigrationRow;
  }

  protected async insertTasks(
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

  /** Locks the migration and reads one of its phases: where a phase transition starts. */
  protected async lockMigrationPhase(
    trx: Knex,
    migrationId: string,
    phase: string,
  ): Promise<{ migration: MigrationRow; phase: PhaseRow | undefined }> {
    const migration = await this.lockMigration(trx, migrationId);
    const row = (await trx('phases')
      .where({ migration_id: migrationId, phase })
      .first()) as PhaseRow | undefined;
    return { migration, phase: row };
  }

  /** Locks the task while the lease `leaseToken` holds it; undefined when it does not. */
  protected async lockHeldTask(
    trx: Knex,
    options: { taskId: string; leaseToken: string },
  ): Promise<TaskRow | undefined> {
    return (await this.lock(
      heldTask(trx, options.taskId, options.leaseToken),
    ).first()) as TaskRow | undefined;
  }

  /**
   * A task stops running: `columns` are written with its lease cleared, and `entry` is audited
   * as an event of the task.
   */
  protected async stopTask(
    trx: Knex,
    task: TaskRow,
    columns: Record<string, unknown>,
    entry: AuditEntry,
  ) {
    await trx('tasks')
      .where({ id: task.id })
      .update({ ...columns, ...NO_LEASE });
    await this.audit(trx, task.migration_id, {
      ...entry,
      phase: task.phase,
      taskId: task.id,
    });
  }

  /**
   * A task fails for good with `error` at `now`: `task.failed` is audited, and the migration
   * (and a run task's phase) fails with it.
   */
  protected async failTaskForGood(
    trx: Knex,
    task: TaskRow,
    error: string,
    now: number,
    actor: string,
  ): Promise<MigrationStatus | undefined> {
    await this.stopTask(
      trx,
      task,
      { status: 'failed', error, completed_at: now, updated_at: now },
      {
        actor,
        action: 'task.failed',
        detail: { attempt: task.attempts, error },
      },
    );
    return this.failForTask(trx, task, error, actor);
  }

  /** Fails the migration (and the task's phase) after a task failed for good. */
  protected async failForTask(
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
  protected async hasWaitingTasks(trx: Knex, task: TaskRow): Promise<boolean> {
    const query = trx('tasks')
      .where({ migration_id: task.migration_id, mode: task.mode })
      .whereIn('status', ['pending', 'ready']);
    if (task.mode === 'run') {
      query.where({ phase: task.phase });
    }
    return !!(await query.select('id').first());
  }
}
