/**
 * Turns an SDK error into a short reason that is safe to store in the artifact and to log: the
 * error class and HTTP status, a clipped message, and never the API key.
 */
export function failureReason(
  error: unknown,
  context: {
    provider: string;
    timeoutMs: number;
    deadlineHit: boolean;
    secret?: string;
  },
): string {
  const scrub = (text: string) => {
    let out = text.replace(/\s+/g, ' ').trim();
    if (context.secret) out = out.split(context.secret).join('[redacted]');
    // Anything that still looks like a bearer token or key.
    out = out.replace(/\b(sk|sk-ant|pk)-[A-Za-z0-9_-]{8,}/g, '[redacted]');
    return out.length > 300 ? `${out.slice(0, 299)}…` : out;
  };
  if (context.deadlineHit) {
    return `${context.provider} did not answer within ${context.timeoutMs} ms`;
  }
  const e = error as { name?: string; status?: number; message?: string };
  const name = e?.constructor?.name ?? e?.name ?? 'Error';
  if (name === 'APIConnectionTimeoutError') {
    return `${context.provider} did not answer within ${context.timeoutMs} ms`;
  }
  if (name === 'APIConnectionError') {
    return `could not reach the ${context.provider} API: ${scrub(
      e.message ?? '',
    )}`;
  }
  if (typeof e?.status === 'number') {
    let what = 'request rejected';
    if (e.status === 401 || e.status === 403) what = 'authentication failed';
    else if (e.status === 429) what = 'rate limited (retries exhausted)';
    else if (e.status >= 500) what = 'server error';
    return `${context.provider} API ${what} (HTTP ${e.status}): ${scrub(
      e.message ?? '',
    )}`;
  }
  return `${context.provider} advisor failed: ${scrub(
    error instanceof Error ? error.message : String(error),
  )}`;
}
