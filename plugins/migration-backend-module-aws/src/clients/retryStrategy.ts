import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import {
  backoffDelay,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';

type RetryStrategy = Pick<
  ConfiguredRetryStrategy,
  'acquireInitialRetryToken' | 'refreshRetryTokenForRetry' | 'recordSuccess'
>;
type Token = Parameters<ConfiguredRetryStrategy['recordSuccess']>[0];
type ErrorInfo = Parameters<
  ConfiguredRetryStrategy['refreshRetryTokenForRetry']
>[1];

/** Seconds a throttled call should wait, as the service said: MGN's modeled `retryAfterSeconds` or the `Retry-After` header. */
function retryAfterSeconds(error: unknown): number | undefined {
  const e = error as {
    retryAfterSeconds?: unknown;
    $response?: { headers?: Record<string, string> };
  };
  const modeled = Number(e?.retryAfterSeconds);
  if (e?.retryAfterSeconds !== undefined && Number.isFinite(modeled)) {
    return Math.max(0, modeled);
  }
  const headers = e?.$response?.headers ?? {};
  const key = Object.keys(headers).find(k => k.toLowerCase() === 'retry-after');
  if (!key) return undefined;
  const seconds = Number(headers[key]);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(headers[key]);
  return Number.isNaN(date)
    ? undefined
    : Math.max(0, (date - Date.now()) / 1000);
}

/**
 * The SDK's standard retry strategy (throttling and transient errors; never credentials) with
 * the environment's backoff, honouring the service's `Retry-After` up to `retry.maxDelayMs`.
 *
 * It also serves clients built on an older Smithy runtime, such as the installed
 * `@aws-sdk/client-mgn`: their retry middleware asks for a token without a scope and reads a
 * numeric `Retry-After` as a point in 1970, so the hint is taken from the error here.
 */
export function createRetryStrategy(retry: RetrySettings): RetryStrategy {
  const inner = new ConfiguredRetryStrategy(retry.maxAttempts, attempt =>
    backoffDelay(attempt, retry),
  );
  return {
    acquireInitialRetryToken: (scope?: string) =>
      inner.acquireInitialRetryToken(scope ?? ''),
    refreshRetryTokenForRetry: (token: Token, info: ErrorInfo) => {
      const seconds = retryAfterSeconds(info.error);
      if (seconds === undefined)
        return inner.refreshRetryTokenForRetry(token, info);
      const waitMs = Math.min(seconds * 1000, retry.maxDelayMs);
      return inner.refreshRetryTokenForRetry(token, {
        ...info,
        retryAfterHint: new Date(Date.now() + waitMs),
      });
    },
    recordSuccess: (token: Token) => inner.recordSuccess(token),
  };
}
