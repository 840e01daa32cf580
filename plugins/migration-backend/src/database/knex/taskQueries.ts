import type { Knex } from 'knex';

/** The columns that clear a task's lease when it stops running. */
export const NO_LEASE = { lease_owner: null, lease_expires_at: null } as const;

/** The order workers claim ready tasks in: the longest due first, then the planned order. */
export const CLAIM_ORDER: Array<{ column: string; order: 'asc' }> = [
  { column: 't.available_at', order: 'asc' },
  { column: 't.seq', order: 'asc' },
];

/**
 * The task while the lease `leaseToken` holds it: running and leased to that token. Every write a
 * worker makes is conditioned on this, so a worker that lost its lease changes nothing.
 */
export function heldTask(
  knex: Knex,
  taskId: string,
  leaseToken: string,
): Knex.QueryBuilder {
  return knex('tasks').where({
    id: taskId,
    lease_owner: leaseToken,
    status: 'running',
  });
}

/** Writes `columns` to the task while the lease `leaseToken` holds it; whether it did. */
export async function updateHeldTask(
  knex: Knex,
  options: { taskId: string; leaseToken: string },
  columns: Record<string, unknown>,
): Promise<boolean> {
  const changed = await heldTask(
    knex,
    options.taskId,
    options.leaseToken,
  ).update(columns);
  return changed > 0;
}

/**
 * The tasks a worker may claim at `now`: ready, due, and of a migration in the state their mode
 * runs in (run tasks while it runs, compensations while it rolls back). Tasks are aliased `t`,
 * their migrations `m`.
 */
export function readyTasks(
  knex: Knex,
  now: number | Knex.Raw,
): Knex.QueryBuilder {
  // The states are literals, not parameters: a prepared statement's generic plan can then
  // still use the partial index of ready tasks.
  return knex('tasks as t')
    .join('migrations as m', 'm.id', 't.migration_id')
    .whereRaw("t.status = 'ready'")
    .where('t.available_at', '<=', now)
    .whereRaw(
      "((t.mode = 'run' and m.status = 'running') or (t.mode = 'compensate' and m.status = 'rolling_back'))",
    );
}

/** Running tasks whose lease had expired by `now`: their worker stopped or lost the database. */
export function expiredLeases(knex: Knex, now: number): Knex.QueryBuilder {
  return knex('tasks')
    .where('status', 'running')
    .where('lease_expires_at', '<', now);
}
