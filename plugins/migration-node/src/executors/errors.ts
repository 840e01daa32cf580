/**
 * Throw this from an executor when another attempt cannot help (bad input, an entity that does
 * not exist, ...): the task fails at once instead of being retried.
 *
 * @public
 */
export class PermanentTaskError extends Error {
  name = 'PermanentTaskError';
}
