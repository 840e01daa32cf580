import type { RetryPolicy } from './config';

/**
 * Delay before the next attempt after `attempt` failed: exponential from the initial back-off,
 * capped, with "equal jitter" (half fixed, half random) so retries of many tasks spread out.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    policy.maxBackoffMs,
    policy.initialBackoffMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
