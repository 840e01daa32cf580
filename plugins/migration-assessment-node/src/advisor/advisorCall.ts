import { failureReason } from './failureReason';
import { AdvisorFailure } from './types';

/** What the OpenAI and Anthropic SDK clients of the advisors are built with. */
export function advisorClientOptions(options: {
  baseUrl?: string;
  timeoutMs: number;
  maxRetries?: number;
}) {
  return {
    baseURL: options.baseUrl,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    logLevel: 'off' as const,
  };
}

/**
 * Makes one call to a provider's API within the advisor's deadline. The caller's own abort passes
 * through unchanged; any other failure (the deadline included) becomes an {@link AdvisorFailure}
 * with a reason that is safe to store and never quotes the key.
 */
export async function callAdvisorApi<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: {
    signal: AbortSignal;
    provider: string;
    timeoutMs: number;
    secret?: string;
  },
): Promise<T> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  try {
    return await call(AbortSignal.any([options.signal, deadline]));
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new AdvisorFailure(
      failureReason(error, {
        provider: options.provider,
        timeoutMs: options.timeoutMs,
        deadlineHit: deadline.aborted,
        secret: options.secret,
      }),
    );
  }
}
