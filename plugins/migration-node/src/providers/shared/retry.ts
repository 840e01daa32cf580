import type { Config } from '@backstage/config';

/**
 * How throttled and transient calls are retried (`migration.environments[].retry`).
 *
 * @public
 */
export interface RetrySettings {
  /** Attempts in total, the first included (default 6). */
  maxAttempts: number;
  /** Delay before the first retry in ms, doubled per attempt (default 500). */
  baseDelayMs: number;
  /**
   * Upper bound of one backoff delay in ms (default 30000); a server's Retry-After longer than
   * this fails the call instead of retrying sooner than asked.
   */
  maxDelayMs: number;
}

/** Reads the optional `retry` block of an environment. */
export function readRetrySettings(config: Config): RetrySettings {
  const retry = config.getOptionalConfig('retry');
  const settings = {
    maxAttempts: retry?.getOptionalNumber('maxAttempts') ?? 6,
    baseDelayMs: retry?.getOptionalNumber('baseDelayMs') ?? 500,
    maxDelayMs: retry?.getOptionalNumber('maxDelayMs') ?? 30_000,
  };
  if (!Number.isInteger(settings.maxAttempts) || settings.maxAttempts < 1) {
    throw new Error('retry.maxAttempts must be a whole number of at least 1');
  }
  if (settings.baseDelayMs < 0 || settings.maxDelayMs < settings.baseDelayMs) {
    throw new Error('retry.baseDelayMs must be >= 0 and <= retry.maxDelayMs');
  }
  return settings;
}

/**
 * Exponential backoff with jitter: the delay before retry `attempt` (1 = first retry) is
 * uniformly drawn from the upper half of `min(maxDelayMs, baseDelayMs * 2^(attempt-1))`, so it
 * grows with each attempt while concurrent clients spread out.
 */
export function backoffDelay(attempt: number, settings: RetrySettings): number {
  const ceiling = Math.min(
    settings.maxDelayMs,
    settings.baseDelayMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error('aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error('aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `fn`, retrying while `retryable` says so, with {@link backoffDelay} between attempts, or
 * at least the server's retry-after when `retryable` returns one. A retry-after longer than
 * `maxDelayMs` ends the retries with the error: retrying sooner than the service asked only earns
 * more throttling.
 *
 * @param retryable - false to give up, true to back off, or a number of ms the server asked for
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: {
    settings: RetrySettings;
    retryable: (error: unknown) => boolean | number;
    signal?: AbortSignal;
    onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  },
): Promise<T> {
  const { settings } = options;
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await fn(attempt);
    } catch (error) {
      const verdict = options.retryable(error);
      if (verdict === false || attempt >= settings.maxAttempts) throw error;
      if (typeof verdict === 'number' && verdict > settings.maxDelayMs) {
        throw error;
      }
      const backoff = backoffDelay(attempt, settings);
      const delay =
        typeof verdict === 'number' ? Math.max(verdict, backoff) : backoff;
      options.onRetry?.(error, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}
