import type { JsonObject } from '@backstage/types';

/** Errors that another attempt cannot fix: the task fails at once. */
const PERMANENT_ERRORS = new Set([
  // Rejected or expired credentials: retrying only repeats the refusal (and may lock accounts).
  'AuthenticationError',
  'InputError',
  'NotFoundError',
  'NotAllowedError',
  'ConflictError',
  'PermanentTaskError',
]);

/** Whether another attempt cannot fix what went wrong. */
export function isPermanentError(error: unknown): boolean {
  return error instanceof Error && PERMANENT_ERRORS.has(error.name);
}

/** An executor's "run me again later" (`TaskDeferral`, also from another copy of the class). */
export function isDeferral(
  error: unknown,
): error is Error & { delayMs(): number } {
  return (
    error instanceof Error &&
    error.name === 'TaskDeferral' &&
    typeof (error as { delayMs?: unknown }).delayMs === 'function'
  );
}

/** What a task's error says, for its record. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  return String(error);
}

/** What an executor returned, as the task's stored output (an object). */
export function asOutput(value: unknown): JsonObject {
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return JSON.parse(JSON.stringify(value));
  }
  return { result: JSON.parse(JSON.stringify(value)) };
}

/** Name of the abort reason of a task whose migration was paused (not cancelled). */
export const PAUSED_ERROR_NAME = 'MigrationPaused';

/**
 * The abort reason of a task whose migration was paused: it stops at its next safe point and is
 * handed back without using up an attempt, to continue from its checkpoints on resume.
 */
export function pausedError(): Error {
  const error = new Error(
    'The migration was paused: the task stops at its next checkpoint and continues from there on resume',
  );
  error.name = PAUSED_ERROR_NAME;
  return error;
}
