import {
  withRetry,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import { googleRetryVerdict, toGoogleError } from './googleErrors';

/**
 * Runs one Google API call: rate limits (429, or 403 with `rateLimitExceeded` /
 * `userRateLimitExceeded` / `quotaExceeded` in the body) and transient failures are retried with
 * exponential backoff, never sooner than a `Retry-After` the service sent (up to
 * `retry.maxDelayMs`); anything else — rejected credentials above all — fails at once with a
 * clear message naming `what`.
 */
export async function callGoogle<T>(
  what: string,
  fn: () => Promise<T>,
  options: { retry: RetrySettings; signal?: AbortSignal },
): Promise<T> {
  try {
    return await withRetry(() => fn(), {
      settings: options.retry,
      retryable: googleRetryVerdict,
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    throw toGoogleError(error, what);
  }
}
