import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import {
  backoffDelay,
  sleep,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Retries throttled (429) and transient responses with exponential backoff and jitter, never
 * sooner than the `Retry-After` ARM sends (capped by `maxDelayMs`). Replaces the SDK's own retry
 * policy so there is one place that decides.
 */
export function throttlingBackoffPolicy(
  settings: RetrySettings,
): PipelinePolicy {
  return {
    name: 'sirsiThrottlingBackoff',
    async sendRequest(request, next) {
      for (let attempt = 1; ; attempt++) {
        const response = await next(request);
        if (
          !TRANSIENT.has(response.status) ||
          attempt >= settings.maxAttempts
        ) {
          return response;
        }
        const retryAfter = Number(response.headers.get('retry-after'));
        const backoff = backoffDelay(attempt, settings);
        const delay = Number.isFinite(retryAfter)
          ? Math.min(settings.maxDelayMs, Math.max(retryAfter * 1000, backoff))
          : backoff;
        await sleep(delay, request.abortSignal as AbortSignal | undefined);
      }
    },
  };
}
