import {
  AuthenticationError,
  ConflictError,
  CustomErrorBase,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * What a failed Google API call means for the caller.
 *
 * @public
 */
export type GoogleErrorKind =
  | 'rateLimit'
  | 'transient'
  | 'credentials'
  | 'permission'
  | 'notFound'
  | 'conflict'
  | 'precondition'
  | 'invalid'
  | 'other';

/** What an error of any Google client says, read from wherever that client put it. */
export interface GoogleErrorInfo {
  kind: GoogleErrorKind;
  /** HTTP status, when there was a response. */
  status?: number;
  /** `error.errors[].reason` of the response body (legacy format). */
  reasons: string[];
  /** `error.status` of the response body, e.g. `PERMISSION_DENIED`. */
  rpcStatus?: string;
  /** The service's own message, first line only. */
  message: string;
  /** The response's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number;
}

const RATE_LIMIT_REASONS = new Set([
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'quotaExceeded',
]);
const TRANSIENT_STATUSES = new Set([408, 500, 502, 503, 504]);
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'UND_ERR_SOCKET',
]);

type ErrorBody = {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: Array<{ reason?: string; message?: string }>;
      };
  error_description?: string;
};

type Headers = { get?(name: string): string | null } & Record<string, unknown>;

type ErrorResponse = {
  status?: number;
  data?: unknown;
  body?: unknown;
  headers?: Headers;
};

type AnyGoogleError = Error & {
  code?: number | string;
  /** google-gax: the HTTP status beside the gRPC `code`. */
  httpStatusCode?: number;
  status?: number;
  errors?: Array<{ reason?: string; message?: string }>;
  response?: ErrorResponse;
  /**
   * google-gax over REST: the GaxiosError it was built from, whose `response.data` is the only
   * place the body's `errors[].reason` survives.
   */
  cause?: { code?: string; status?: number; response?: ErrorResponse };
};

function parseBody(data: unknown): ErrorBody | undefined {
  if (typeof data === 'string') {
    try {
      return JSON.parse(data) as ErrorBody;
    } catch {
      return undefined;
    }
  }
  return data && typeof data === 'object' ? (data as ErrorBody) : undefined;
}

/** `Retry-After` in ms: delay-seconds or an HTTP date (gaxios 7 gives `Headers`, older a record). */
function retryAfterOf(response?: ErrorResponse): number | undefined {
  const headers = response?.headers;
  if (!headers) return undefined;
  const raw =
    typeof headers.get === 'function'
      ? headers.get('retry-after')
      : headers['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function firstLine(text: string) {
  return text.split(/\r?\n/)[0].trim();
}

/** gRPC codes google-gax reports (its errors keep the HTTP status apart, and drop the reasons). */
const RPC_CODES: Record<number, string> = {
  4: 'DEADLINE_EXCEEDED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  8: 'RESOURCE_EXHAUSTED',
  14: 'UNAVAILABLE',
  16: 'UNAUTHENTICATED',
};

function kindOf(info: Omit<GoogleErrorInfo, 'kind'>, networkCode?: string) {
  const { status, reasons, rpcStatus } = info;
  if (
    status === 429 ||
    rpcStatus === 'RESOURCE_EXHAUSTED' ||
    reasons.some(r => RATE_LIMIT_REASONS.has(r)) ||
    // google-gax keeps the body's message but not its reason.
    (status === 403 &&
      /^(User )?Rate Limit Exceeded|^Quota exceeded/i.test(info.message))
  ) {
    return 'rateLimit';
  }
  if (
    status === 401 ||
    rpcStatus === 'UNAUTHENTICATED' ||
    /invalid_grant|invalid_client|unauthorized_client|Could not load the default credentials/i.test(
      info.message,
    )
  ) {
    return 'credentials';
  }
  if (status === 403 || rpcStatus === 'PERMISSION_DENIED') return 'permission';
  if (status === 404 || rpcStatus === 'NOT_FOUND') return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 412) return 'precondition';
  if (status === 400) return 'invalid';
  if (
    (status !== undefined && TRANSIENT_STATUSES.has(status)) ||
    rpcStatus === 'UNAVAILABLE' ||
    rpcStatus === 'DEADLINE_EXCEEDED' ||
    (status === undefined && networkCode && NETWORK_CODES.has(networkCode))
  ) {
    return 'transient';
  }
  return 'other';
}

/**
 * Reads an error of google-auth-library (gaxios: `status`, `response.data`) or of the
 * `@google-cloud/*` clients (`code`, `errors`, `response.body`) into one shape.
 */
export function googleErrorInfo(error: unknown): GoogleErrorInfo {
  const e = (error ?? {}) as AnyGoogleError;
  const response = e.response ?? e.cause?.response;
  const body =
    parseBody(response?.data) ?? parseBody(response?.body) ?? undefined;
  const inner = typeof body?.error === 'object' ? body.error : undefined;
  const status =
    response?.status ??
    e.httpStatusCode ??
    e.status ??
    (typeof e.code === 'number' && e.code >= 100 ? e.code : undefined) ??
    inner?.code;
  const rpcCode =
    typeof e.code === 'number' && e.code < 100 ? e.code : undefined;
  const reasons = [...(inner?.errors ?? []), ...(e.errors ?? [])]
    .map(x => x?.reason)
    .filter((r): r is string => typeof r === 'string');
  const oauth =
    typeof body?.error === 'string'
      ? `${body.error}${
          body.error_description ? `: ${body.error_description}` : ''
        }`
      : undefined;
  const message = firstLine(
    inner?.message ?? oauth ?? e.message ?? String(error),
  );
  const networkCode =
    typeof e.code === 'string' ? e.code : e.cause?.code ?? undefined;
  const partial = {
    status,
    reasons,
    rpcStatus: inner?.status ?? (rpcCode ? RPC_CODES[rpcCode] : undefined),
    message,
    retryAfterMs: retryAfterOf(response),
  };
  return { ...partial, kind: kindOf(partial, networkCode) };
}

/** Whether a call that failed this way may succeed when repeated after a pause. */
export function isRetryableGoogleError(error: unknown): boolean {
  return googleRetryVerdict(error) !== false;
}

/**
 * For `withRetry`: false when the call must not be repeated (credentials, permissions, bad
 * requests), the ms of the response's `Retry-After` when it sent one, else true (back off).
 */
export function googleRetryVerdict(error: unknown): boolean | number {
  if ((error as Error)?.name === 'AbortError') return false;
  const { kind, retryAfterMs } = googleErrorInfo(error);
  if (kind !== 'rateLimit' && kind !== 'transient') return false;
  return retryAfterMs ?? true;
}

/**
 * A Backstage error with a clear message for a failed call: `what` says what was attempted
 * (`Migrate to Virtual Machines: list migrating VMs of projects/p/locations/l/sources/s`). The
 * message carries the service's words, never a header or credential.
 */
export function toGoogleError(error: unknown, what: string): Error {
  // Our own errors (and aborts) already say what happened.
  if (
    error instanceof CustomErrorBase ||
    (error as Error)?.name === 'AbortError'
  )
    return error as Error;
  const info = googleErrorInfo(error);
  const detail = `${what}: ${info.message}${
    info.status ? ` (HTTP ${info.status})` : ''
  }`;
  switch (info.kind) {
    case 'credentials':
      return new AuthenticationError(
        `${detail}. Google Cloud rejected the credentials: create a new service account key or refresh Application Default Credentials.`,
      );
    case 'permission':
      return new NotAllowedError(
        `${detail}. The service account lacks a permission for this call.`,
      );
    case 'notFound':
      return new NotFoundError(detail);
    case 'conflict':
    case 'precondition':
      return new ConflictError(detail);
    case 'invalid':
      return new InputError(detail);
    default:
      return new ServiceUnavailableError(detail);
  }
}
