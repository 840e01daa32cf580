/**
 * Throw this from an executor when another attempt cannot help (bad input, an entity that does
 * not exist, ...): the task fails at once instead of being retried.
 *
 * @public
 */
export class PermanentTaskError extends Error {
  name = 'PermanentTaskError';
}

/**
 * Throw this from an executor (run or compensate) to say "not yet, run me again later": waiting
 * for a cloud job, for replication to become healthy, for a maintenance window. The engine hands
 * the worker back at once and makes the task claimable again at the given time; the attempt is
 * not counted and the reason becomes the task's progress message. Whatever must survive until
 * then goes into `ctx.checkpoint` (a job id, when the wait began).
 *
 * @public
 */
export class TaskDeferral extends Error {
  name = 'TaskDeferral';
  /** When the task should run again (epoch ms). */
  readonly until: number;

  /**
   * Runs the task again at `until` (a `Date` or epoch ms) or, without it, `delayMs` from now;
   * `reason` says what the task waits for and becomes its progress message.
   */
  constructor(options: {
    reason: string;
    delayMs?: number;
    until?: Date | number;
  }) {
    super(options.reason);
    const until =
      options.until !== undefined
        ? Number(options.until)
        : Date.now() + Math.max(0, options.delayMs ?? 0);
    this.until = Number.isFinite(until) ? until : Date.now();
  }

  /** Milliseconds from now until the task should run again, never negative. */
  delayMs(now = Date.now()): number {
    return Math.max(0, this.until - now);
  }
}
