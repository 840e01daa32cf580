import type {
  PipelinePolicy,
  PipelineResponse,
} from '@azure/core-rest-pipeline';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  backoffDelay,
  sleep as defaultSleep,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';

const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);
/** Node's system errors for a connection that broke or never came up (as the SDK's own retry). */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'REQUEST_SEND_ERROR',
]);
/** Headers in which Azure asks for a pause, in the order the SDK reads them. */
const RETRY_AFTER_MS = ['retry-after-ms', 'x-ms-retry-after-ms'];

/**
 * Azure kept throttling (429) after the configured retries, or asked for a longer pause than
 * `retry.maxDelayMs` allows. The message says which, with the service's code and message and
 * the `x-ms-ratelimit-remaining-*` headers it sent.
 */
export class AzureThrottlingError extends ServiceUnavailableError {
  /** The `x-ms-ratelimit-remaining-*` headers of the last response, by name. */
  readonly remaining: Record<string, string>;
  /** The pause the service asked for, in ms, when it sent one. */
  readonly retryAfterMs?: number;

  constructor(
    message: string,
    details: { remaining: Record<string, string>; retryAfterMs?: number },
  ) {
    super(message);
    this.remaining = details.remaining;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** The pause a response asks for, in ms: `retry-after-ms`, or `Retry-After` seconds or date. */
export function retryAfterMs(response: PipelineResponse): number | undefined {
  for (const name of RETRY_AFTER_MS) {
    const ms = Number(response.headers.get(name) ?? NaN);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  const raw = response.headers.get('retry-after');
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function remainingOf(response: PipelineResponse): Record<string, string> {
  const remaining: Record<string, string> = {};
  for (const [name, value] of response.headers) {
    if (name.toLowerCase().startsWith('x-ms-ratelimit-remaining-'))
      remaining[name.toLowerCase()] = value;
  }
  return remaining;
}

function serviceError(response: PipelineResponse): string {
  try {
    const body = JSON.parse(response.bodyAsText ?? '');
    const { code, message } = body?.error ?? {};
    if (code || message)
      return [code, String(message ?? '').split(/\r?\n/)[0]]
        .filter(Boolean)
        .join(': ');
  } catch {
    // Not JSON: the status says enough.
  }
  return `HTTP ${response.status}`;
}

function throttled(
  response: PipelineResponse,
  summary: string,
  wait?: number,
): AzureThrottlingError {
  const remaining = remainingOf(response);
  const list = Object.entries(remaining)
    .map(([name, value]) => `${name}: ${value}`)
    .join(', ');
  return new AzureThrottlingError(
    `${summary} (${serviceError(response)}; ${
      list || 'no x-ms-ratelimit-remaining-* headers'
    }${wait !== undefined ? `; Retry-After ${Math.ceil(wait / 1000)} s` : ''})`,
    { remaining, retryAfterMs: wait },
  );
}

function isNetworkError(error: unknown): boolean {
  const e = error as { code?: string; name?: string; statusCode?: number };
  return (
    e?.name !== 'AbortError' &&
    e?.statusCode === undefined &&
    NETWORK_CODES.has(e?.code ?? '')
  );
}

/**
 * Options of {@link throttlingBackoffPolicy}.
 */
export interface ThrottlingPolicyOptions {
  /** Waits between attempts (tests pass one that records the delays). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Retries throttled (429) and transient responses (408, 5xx) and broken connections
 * (`ECONNRESET` and the like) with exponential backoff and jitter, never sooner than the
 * `Retry-After` Azure sends. Replaces the SDK's own retry policy so there is one place that
 * decides.
 *
 * A `Retry-After` beyond `retry.maxDelayMs` is not cut short: the request fails at once with an
 * {@link AzureThrottlingError} saying how long Azure asked to wait. So does a 429 that outlasts
 * `retry.maxAttempts`, naming the `x-ms-ratelimit-remaining-*` headers.
 */
export function throttlingBackoffPolicy(
  settings: RetrySettings,
  options: ThrottlingPolicyOptions = {},
): PipelinePolicy {
  const wait = options.sleep ?? defaultSleep;
  return {
    name: 'sirsiThrottlingBackoff',
    async sendRequest(request, next) {
      const signal = request.abortSignal as AbortSignal | undefined;
      for (let attempt = 1; ; attempt++) {
        let response: PipelineResponse;
        try {
          response = await next(request);
        } catch (error) {
          if (
            !isNetworkError(error) ||
            signal?.aborted ||
            attempt >= settings.maxAttempts
          )
            throw error;
          await wait(backoffDelay(attempt, settings), signal);
          continue;
        }
        if (!TRANSIENT.has(response.status)) return response;
        const asked = retryAfterMs(response);
        if (attempt >= settings.maxAttempts) {
          if (response.status !== 429) return response;
          throw throttled(
            response,
            `Azure kept throttling the request after ${attempt} attempts (retry.maxAttempts)`,
            asked,
          );
        }
        if (asked !== undefined && asked > settings.maxDelayMs) {
          throw throttled(
            response,
            `Azure asked to wait ${Math.ceil(
              asked / 1000,
            )} s before the next request, longer than retry.maxDelayMs (${
              settings.maxDelayMs
            } ms); not retried sooner than asked`,
            asked,
          );
        }
        const delay = Math.max(asked ?? 0, backoffDelay(attempt, settings));
        await wait(delay, signal);
      }
    },
  };
}
