import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import { toNumber } from '../dbClock';
import { ENGINE_ACTOR } from '../engineActor';
import type { AuditEntry, ClaimRequest, ClaimedTask } from '../MigrationStore';
import { type TaskRow, parseJson } from '../rows';
import { CLAIM_ORDER, readyTasks } from './taskQueries';

/** What a claim asks for. */
export type ClaimOptions = ClaimRequest;

/** The columns a claim reads back: what {@link toClaimed} needs, named so added columns never change a result's shape. */
export const CLAIMED_COLUMNS = [
  'id',
  'migration_id',
  'phase',
  'task_type',
  'key',
  'title',
  'mode',
  'compensates_task_id',
  'input',
  'attempts',
  'max_attempts',
  'available_at',
  'seq',
] as const;

/** A fresh lease token of `workerId`: every write of the run presents it. */
export function newLeaseToken(workerId: string): string {
  return `${workerId}/${randomUUID()}`;
}

/** A claimed row as the worker sees it. */
export function toClaimed(
  row: Pick<TaskRow, (typeof CLAIMED_COLUMNS)[number]>,
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
 * PostgreSQL: the common table expressions `picked`, `claimed` and `claim_audit` of a claim, for
 * a statement that defines `clock` before them. `picked` takes ready rows with FOR UPDATE SKIP
 * LOCKED (concurrent workers never wait on each other's rows), `claimed` leases them and returns
 * {@link CLAIMED_COLUMNS}, `claim_audit` writes their `task.started` events. `guard`, when given,
 * is a condition the claim only happens under (a completion claims only when it succeeded).
 */
export function claimCtes(
  db: Knex,
  options: ClaimOptions,
  leaseToken: string,
  guard?: string,
): { sql: string; bindings: unknown[] } {
  let picked = readyTasks(db, db.raw('(select now from clock)'));
  if (guard) {
    picked = picked.whereRaw(guard);
  }
  picked = picked
    .select('t.id')
    .orderBy(CLAIM_ORDER)
    .limit(options.limit)
    .forUpdate('t')
    .skipLocked();
  const returning = CLAIMED_COLUMNS.map(c => `tasks.${c}`).join(', ');
  return {
    sql: `picked as ?,
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
         returning ${returning}
       ),
       claim_audit as (
         insert into audit_events (migration_id, at, actor, action, phase, task_id, detail)
         select migration_id, (select now from clock), ?::text, 'task.started',
                phase, id, json_build_object('attempt', attempts, 'worker', ?::text)::text
         from claimed
       )`,
    bindings: [
      picked,
      leaseToken,
      Math.round(options.leaseDurationMs),
      ENGINE_ACTOR,
      options.workerId,
    ],
  };
}

/**
 * SQLite (single writer), inside the caller's transaction: selects up to `limit` ready tasks at
 * `now` and leases them; `audit` writes their `task.started` events.
 */
export async function claimInTransaction(
  trx: Knex,
  options: ClaimOptions,
  leaseToken: string,
  now: number,
  audit: (
    entries: Array<AuditEntry & { migrationId: string }>,
  ) => Promise<void>,
): Promise<ClaimedTask[]> {
  const rows = (await readyTasks(trx, now)
    .orderBy(CLAIM_ORDER)
    .limit(options.limit)
    .select(CLAIMED_COLUMNS.map(c => `t.${c}`))) as TaskRow[];
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
  await audit(
    rows.map(row => ({
      migrationId: row.migration_id,
      actor: ENGINE_ACTOR,
      action: 'task.started',
      phase: row.phase,
      taskId: row.id,
      detail: { attempt: row.attempts + 1, worker: options.workerId },
    })),
  );
  return rows.map(row => toClaimed(row, row.attempts + 1, leaseToken, now));
}
