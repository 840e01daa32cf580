import type { JsonObject, JsonValue } from '@backstage/types';
import { type MigrationPhase } from '@sirsi-nexus/plugin-migration-common';
import { dbNow, dbNowPlus, nowSql, readDbNow, toNumber } from '../dbClock';
import type { Knex } from 'knex';
import type {
  AuditEntry,
  ClaimRequest,
  HeartbeatResult,
  TaskOutcome,
} from '../MigrationStore';
import { type TaskRow, parseJson } from '../rows';
import { truncate } from './util';
import { KnexStoreBase } from './KnexStoreBase';
import {
  CLAIMED_COLUMNS,
  claimCtes,
  claimInTransaction,
  newLeaseToken,
  toClaimed,
} from './taskClaims';
import { NO_LEASE, heldTask, updateHeldTask } from './taskQueries';

interface Completion {
  taskId: string;
  leaseToken: string;
  output: JsonObject;
  audit: AuditEntry;
  claimNext?: ClaimRequest;
}

/** What the completion statement returns on PostgreSQL. */
interface CompletedRow {
  id: string;
  migration_id: string;
  phase: MigrationPhase;
  mode: 'run' | 'compensate';
  promoted: string[];
  waiting: boolean;
  claimed: Array<Pick<TaskRow, (typeof CLAIMED_COLUMNS)[number]>>;
  claimed_at: string;
}

interface Failure {
  taskId: string;
  leaseToken: string;
  error: string;
  retryDelayMs?: number;
  audit: AuditEntry;
}

/**
 * PostgreSQL: the completion statement. Bindings: the `done` update, the audit actor, action and
 * detail, then those of `claimSql` (the claim's common table expressions) when given. Whether
 * tasks are left waiting is asked per mode, so a run task's check uses the phase in the index.
 */
function completionSql(now: string, claimSql?: string): string {
  return `with clock as (select ${now} as now),
       done as (?),
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
       )${claimSql ? `, ${claimSql}` : ''}
       select done.*,
         (select coalesce(json_agg(p.id), '[]'::json) from promoted p where p.status = 'ready') as promoted,
         case when done.mode = 'run'
           then exists (select 1 from tasks o
             where o.migration_id = done.migration_id and o.phase = done.phase
               and o.status in ('pending', 'ready') and o.mode = 'run')
           else exists (select 1 from tasks o
             where o.migration_id = done.migration_id and o.mode = done.mode
               and o.status in ('pending', 'ready'))
         end as waiting,
         ${
           claimSql
             ? `(select coalesce(json_agg(c order by c.available_at, c.seq), '[]'::json) from claimed c)`
             : `'[]'::json`
         } as claimed,
         (select now from clock) as claimed_at
       from done`;
}

/**
 * What a running task writes while its lease holds: heartbeats, progress, checkpoints, and its
 * result. Every write is conditioned on the lease, so a worker that lost it changes nothing.
 */
export class KnexTaskRuns extends KnexStoreBase {
  async heartbeat(options: {
    taskId: string;
    leaseToken: string;
    leaseDurationMs: number;
  }): Promise<HeartbeatResult> {
    const held = await updateHeldTask(this.db, options, {
      lease_expires_at: dbNowPlus(this.db, options.leaseDurationMs),
    });
    if (!held) {
      return 'lost';
    }
    // How replicas other than the one that paused the migration learn of it.
    const migration = await this.db('tasks as t')
      .join('migrations as m', 'm.id', 't.migration_id')
      .where('t.id', options.taskId)
      .select('m.status', 't.mode')
      .first();
    return migration?.status === 'paused' && migration.mode === 'run'
      ? 'paused'
      : 'held';
  }

  async reportProgress(options: {
    taskId: string;
    leaseToken: string;
    progress: number;
    message?: string;
  }): Promise<boolean> {
    return updateHeldTask(this.db, options, {
      progress: Math.max(0, Math.min(1, options.progress)),
      ...(options.message !== undefined
        ? { message: truncate(options.message, 2000) }
        : {}),
      updated_at: dbNow(this.db),
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
        heldTask(trx, options.taskId, options.leaseToken),
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

  async completeTask(options: Completion): Promise<TaskOutcome | undefined> {
    return this.pg
      ? this.completeTaskPg(options)
      : this.completeTaskInTransaction(options);
  }

  /** The columns of a task that succeeded, with `now` on the database clock. */
  private succeeded(options: Completion, now: unknown) {
    return {
      status: 'succeeded',
      progress: 1,
      output: JSON.stringify(options.output),
      error: null,
      ...NO_LEASE,
      completed_at: now,
      updated_at: now,
    };
  }

  /**
   * PostgreSQL: one statement. Dependents count down `pending_deps` under their row locks, so two
   * dependencies finishing at the same moment cannot both miss promoting their dependent. With
   * `claimNext` the same statement claims the worker's next tasks, only if the completion held.
   */
  private async completeTaskPg(
    options: Completion,
  ): Promise<TaskOutcome | undefined> {
    const done = heldTask(this.db, options.taskId, options.leaseToken)
      .update(this.succeeded(options, this.db.raw('(select now from clock)')))
      .returning(['id', 'migration_id', 'phase', 'mode']);
    const leaseToken = options.claimNext
      ? newLeaseToken(options.claimNext.workerId)
      : '';
    const claim =
      options.claimNext && options.claimNext.limit > 0
        ? claimCtes(
            this.db,
            options.claimNext,
            leaseToken,
            'exists (select 1 from done)',
          )
        : undefined;
    const rows = await this.prepared.run(
      this.db.raw(completionSql(nowSql(this.db), claim?.sql), [
        done,
        options.audit.actor,
        options.audit.action,
        options.audit.detail ? JSON.stringify(options.audit.detail) : null,
        ...(claim?.bindings ?? []),
      ] as Knex.RawBinding[]),
    );
    const row = rows[0] as CompletedRow | undefined;
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
      ...(options.claimNext
        ? {
            claimed: row.claimed.map(c =>
              toClaimed(c, c.attempts, leaseToken, toNumber(row.claimed_at)),
            ),
          }
        : {}),
    };
  }

  private async completeTaskInTransaction(
    options: Completion,
  ): Promise<TaskOutcome | undefined> {
    return this.db.transaction(async trx => {
      const updated = (await heldTask(trx, options.taskId, options.leaseToken)
        .update(this.succeeded(options, dbNow(trx)))
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
      const claimNext = options.claimNext;
      const claimed =
        claimNext && claimNext.limit > 0
          ? await claimInTransaction(
              trx,
              claimNext,
              newLeaseToken(claimNext.workerId),
              await readDbNow(trx),
              entries => this.auditMany(trx, entries),
            )
          : [];
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
        ...(claimNext ? { claimed } : {}),
      };
    });
  }

  async failTask(options: Failure): Promise<TaskOutcome | undefined> {
    return this.db.transaction(async trx => {
      const task = await this.lockHeldTask(trx, options);
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
        await this.stopTask(
          trx,
          task,
          {
            status: 'ready',
            error,
            available_at: nextAttemptAt,
            updated_at: now,
          },
          {
            ...options.audit,
            action: 'task.retry_scheduled',
            detail: {
              attempt: task.attempts,
              maxAttempts: task.max_attempts,
              error,
              nextAttemptAt: new Date(nextAttemptAt).toISOString(),
            },
          },
        );
        return { ...outcome, status: 'ready', nextAttemptAt };
      }
      const migrationStatus = await this.failTaskForGood(
        trx,
        task,
        error,
        now,
        options.audit.actor,
      );
      return { ...outcome, migrationStatus };
    });
  }
}
