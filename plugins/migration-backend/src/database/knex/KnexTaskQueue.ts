import type { Knex } from 'knex';
import { dbNow, nowSql, readDbNow, toNumber } from '../dbClock';
import { ENGINE_ACTOR } from '../engineActor';
import type { ClaimedTask, ExpiredLease } from '../MigrationStore';
import type { TaskRow } from '../rows';
import { KnexStoreBase } from './KnexStoreBase';
import { truncate } from './util';
import {
  type ClaimOptions,
  claimCtes,
  claimInTransaction,
  newLeaseToken,
  toClaimed,
} from './taskClaims';
import {
  NO_LEASE,
  expiredLeases,
  readyTasks,
  updateHeldTask,
} from './taskQueries';

/** Default of `migration.engine.maxLeaseExpiries`. */
export const DEFAULT_MAX_LEASE_EXPIRIES = 10;

/** The queue side of the tasks: claims with leases, hand-backs, expired leases, its depth. */
export class KnexTaskQueue extends KnexStoreBase {
  async claimTasks(options: ClaimOptions): Promise<ClaimedTask[]> {
    if (options.limit <= 0) {
      return [];
    }
    const leaseToken = newLeaseToken(options.workerId);
    if (!this.pg) {
      return this.db.transaction(async trx =>
        claimInTransaction(trx, options, leaseToken, await readDbNow(trx), e =>
          this.auditMany(trx, e),
        ),
      );
    }
    // One statement: pick, lease and audit, so a claim is one round trip.
    const claim = claimCtes(this.db, options, leaseToken);
    const rows = await this.prepared.run(
      this.db.raw(
        `with clock as (select ${nowSql(this.db)} as now), ${claim.sql}
       select claimed.*, (select now from clock) as claimed_at
       from claimed order by available_at, seq`,
        claim.bindings as Knex.RawBinding[],
      ),
    );
    return (rows as Array<TaskRow & { claimed_at: string }>).map(row =>
      toClaimed(row, row.attempts, leaseToken, toNumber(row.claimed_at)),
    );
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
