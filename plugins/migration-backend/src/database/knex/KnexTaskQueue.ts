import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { dbNow, nowSql, readDbNow, toNumber } from '../dbClock';
import { ENGINE_ACTOR } from '../engineActor';
import type { ClaimedTask, ExpiredLease } from '../MigrationStore';
import { type TaskRow, parseJson } from '../rows';
import { KnexStoreBase } from './KnexStoreBase';
import { truncate } from './util';
import {
  CLAIM_ORDER,
  NO_LEASE,
  expiredLeases,
  readyTasks,
  updateHeldTask,
} from './taskQueries';

/** Default of `migration.engine.maxLeaseExpiries`. */
export const DEFAULT_MAX_LEASE_EXPIRIES = 10;

interface ClaimOptions {
  workerId: string;
  limit: number;
  leaseDurationMs: number;
}

/** The queue side of the tasks: claims with leases, hand-backs, expired leases, its depth. */
export class KnexTaskQueue extends KnexStoreBase {
  async claimTasks(options: ClaimOptions): Promise<ClaimedTask[]> {
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
    options: ClaimOptions,
    leaseToken: string,
  ): Promise<ClaimedTask[]> {
    const picked = readyTasks(this.db, this.db.raw('(select now from clock)'))
      .select('t.id')
      .orderBy(CLAIM_ORDER)
      .limit(options.limit)
      .forUpdate('t')
      .skipLocked();
    const { rows } = await this.db.raw(
      `with clock as (select ${nowSql(this.db)} as now),
       picked as ?,
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
         select migration_id, (select now from clock), ?::text, 'task.started',
                phase, id, json_build_object('attempt', attempts, 'worker', ?::text)::text
         from claimed
       )
       select claimed.*, (select now from clock) as claimed_at
       from claimed order by available_at, seq`,
      [
        picked,
        leaseToken,
        Math.round(options.leaseDurationMs),
        ENGINE_ACTOR,
        options.workerId,
      ],
    );
    return (rows as Array<TaskRow & { claimed_at: string }>).map(row =>
      this.toClaimed(row, row.attempts, leaseToken, toNumber(row.claimed_at)),
    );
  }

  /** SQLite (single writer): select and lease in one transaction. */
  private async claimTasksInTransaction(
    options: ClaimOptions,
    leaseToken: string,
  ): Promise<ClaimedTask[]> {
    return this.db.transaction(async trx => {
      const now = await readDbNow(trx);
      const rows = (await readyTasks(trx, now)
        .orderBy(CLAIM_ORDER)
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

  async releaseTask(options: {
    taskId: string;
    leaseToken: string;
    reason?: string;
  }): Promise<boolean> {
    const columns = (now: unknown) => ({
      status: 'ready',
      attempts: this.db.raw('attempts - 1'),
      ...NO_LEASE,
      available_at: now,
      updated_at: now,
    });
    const { reason } = options;
    if (reason === undefined) {
      return updateHeldTask(this.db, options, columns(dbNow(this.db)));
    }
    return this.db.transaction(async trx => {
      const task = await this.lockHeldTask(trx, options);
      if (!task) {
        return false;
      }
      const message = truncate(reason, 2000);
      await this.stopTask(
        trx,
        task,
        { ...columns(dbNow(trx)), message },
        {
          actor: ENGINE_ACTOR,
          action: 'task.released',
          detail: { attempt: task.attempts, reason: message },
        },
      );
      return true;
    });
  }

  /**
   * A running task that waits for something: ready again `delayMs` from now (database clock),
   * the attempt not counted, the reason kept as its message.
   */
  async deferTask(options: {
    taskId: string;
    leaseToken: string;
    delayMs: number;
    reason: string;
  }): Promise<{ availableAt: number } | undefined> {
    return this.db.transaction(async trx => {
      const task = await this.lockHeldTask(trx, options);
      if (!task) {
        return undefined;
      }
      const now = await readDbNow(trx);
      const availableAt = now + Math.max(0, Math.round(options.delayMs));
      const message = truncate(options.reason, 2000);
      await this.stopTask(
        trx,
        task,
        {
          status: 'ready',
          attempts: Math.max(0, task.attempts - 1),
          available_at: availableAt,
          message,
          updated_at: now,
        },
        {
          actor: ENGINE_ACTOR,
          action: 'task.deferred',
          detail: {
            until: new Date(availableAt).toISOString(),
            reason: message,
          },
        },
      );
      return { availableAt };
    });
  }

  async returnExpiredLeases(
    options: { maxLeaseExpiries?: number } = {},
  ): Promise<ExpiredLease[]> {
    const maxLeaseExpiries =
      options.maxLeaseExpiries ?? DEFAULT_MAX_LEASE_EXPIRIES;
    return this.db.transaction(async trx => {
      const now = await readDbNow(trx);
      let query = expiredLeases(trx, now).limit(500);
      if (this.pg) {
        query = query.forUpdate().skipLocked();
      }
      const rows = (await query) as TaskRow[];
      const result: ExpiredLease[] = [];
      for (const task of rows) {
        result.push(
          toNumber(task.lease_expiries ?? 0) + 1 > maxLeaseExpiries
            ? await this.failExpired(trx, task, now, maxLeaseExpiries)
            : await this.returnExpired(trx, task, now),
        );
      }
      return result;
    });
  }

  /**
   * The workers of a task kept dying: every lease it was given expired, more often than
   * `maxLeaseExpiries` allows. The task fails for good, and with it the migration.
   */
  private async failExpired(
    trx: Knex,
    task: TaskRow,
    now: number,
    maxLeaseExpiries: number,
  ): Promise<ExpiredLease> {
    const expiries = toNumber(task.lease_expiries ?? 0) + 1;
    await trx('tasks')
      .where({ id: task.id })
      .update({ lease_expiries: expiries });
    const migrationStatus = await this.failTaskForGood(
      trx,
      task,
      `The workers running it kept dying: its lease expired ${expiries} time(s), more than migration.engine.maxLeaseExpiries (${maxLeaseExpiries}) allows; each time the worker's process stopped or lost the database before the task finished`,
      now,
      ENGINE_ACTOR,
    );
    return {
      taskId: task.id,
      migrationId: task.migration_id,
      phase: task.phase,
      status: 'failed',
      migrationStatus,
    };
  }

  /**
   * An expired lease within the budget: the task is ready for another worker at once. Its worker
   * died, which is not the task's fault, so the attempt is given back and the expiry counted.
   */
  private async returnExpired(
    trx: Knex,
    task: TaskRow,
    now: number,
  ): Promise<ExpiredLease> {
    const expiries = toNumber(task.lease_expiries ?? 0) + 1;
    await this.stopTask(
      trx,
      task,
      {
        status: 'ready',
        attempts: Math.max(0, task.attempts - 1),
        lease_expiries: expiries,
        message: `Its worker stopped or lost the database (lease expiry ${expiries}); it runs again`,
        available_at: now,
        updated_at: now,
      },
      {
        actor: ENGINE_ACTOR,
        action: 'task.lease_expired',
        detail: { attempt: task.attempts, leaseExpiries: expiries },
      },
    );
    return {
      taskId: task.id,
      migrationId: task.migration_id,
      phase: task.phase,
      status: 'ready',
    };
  }

  async getQueueDepth(): Promise<number> {
    const row = await readyTasks(this.db, dbNow(this.db))
      .count({ n: '*' })
      .first();
    return toNumber(row?.n ?? 0);
  }
}
