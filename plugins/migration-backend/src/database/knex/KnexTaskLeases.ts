import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '@backstage/types';
import { type MigrationPhase } from '@sirsi-nexus/plugin-migration-common';
import { dbNow, dbNowPlus, nowSql, readDbNow, toNumber } from '../dbClock';
import type {
  AuditEntry,
  ClaimedTask,
  ExpiredLease,
  TaskOutcome,
} from '../MigrationStore';
import { type TaskRow, parseJson } from '../rows';
import { truncate } from './util';
import { KnexStoreBase } from './KnexStoreBase';
import { ENGINE_ACTOR } from '../../engine/engineActor';

/** The worker side: claims with leases, heartbeats, results, checkpoints, expired leases. */
export class KnexTaskLeases extends KnexStoreBase {
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
          actor: ENGINE_ACTOR,
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
            actor: ENGINE_ACTOR,
            action: 'task.failed',
            phase: task.phase,
            taskId: task.id,
            detail: { attempt: task.attempts, error },
          });
          const migrationStatus = await this.failForTask(
            trx,
            task,
            error,
            ENGINE_ACTOR,
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
            actor: ENGINE_ACTOR,
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
}
