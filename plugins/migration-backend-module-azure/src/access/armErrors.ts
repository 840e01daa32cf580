import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AzureThrottlingError } from '../discovery/throttlingPolicy';

type AzureLikeError = Error & {
  statusCode?: number;
  code?: string;
};

/** Error codes with which Azure rejects the credential itself (the token or the key). */
const CREDENTIAL_CODES = new Set([
  'AuthenticationFailed',
  'ExpiredAuthenticationToken',
  'InvalidAuthenticationToken',
  'InvalidAuthenticationTokenTenant',
  'AuthenticationRequiredError',
  'CredentialUnavailableError',
]);

/** What failed, for a message that says whom to ask for what. */
export interface AzureCallContext {
  /** The service, e.g. `Azure Migrate (Site Recovery)`. */
  service: string;
  /** What was being done, e.g. `start the test migration of shop-web-01`. */
  action: string;
  /** The role the identity needs, e.g. `Site Recovery Contributor on vault migrate-vault`. */
  role: string;
}

/** Whether Azure refused the credential (never worth retrying). */
export function isCredentialError(error: unknown): boolean {
  const e = error as AzureLikeError;
  return (
    e?.statusCode === 401 ||
    CREDENTIAL_CODES.has(e?.code ?? '') ||
    CREDENTIAL_CODES.has(e?.name ?? '')
  );
}

/** The service's own words: its error code and the first line of its message. */
export function serviceMessage(error: unknown): string {
  const e = error as AzureLikeError;
  const firstLine = String(e?.message ?? error).split(/\r?\n/)[0];
  return e?.code && !firstLine.startsWith(e.code)
    ? `${e.code}: ${firstLine}`
    : firstLine;
}

/**
 * Turns a failed Azure call into a `@backstage/errors` error of the right kind with a message
 * that names the service, the action and what to fix; aborts pass through unchanged. Only
 * the service's code and message are quoted: request URLs (which may carry a SAS) never are.
 */
export function toAzureCallError(
  error: unknown,
  context: AzureCallContext,
): Error {
  const e = error as AzureLikeError;
  if (e?.name === 'AbortError') return e;
  const detail = serviceMessage(error);
  const what = `${context.service} could not ${context.action}`;
  if (isCredentialError(error)) {
    return new AuthenticationError(
      `${what}: Azure rejected the credentials (${detail}). Renew the client secret or token of the identity; it is not retried.`,
    );
  }
  if (error instanceof AzureThrottlingError || e?.statusCode === 429) {
    return new ServiceUnavailableError(
      `${what}: Azure throttled the identity's requests (${detail}). Try again later, or allow more and longer retries (retry.maxAttempts, retry.maxDelayMs).`,
    );
  }
  switch (e?.statusCode) {
    case 403:
      return new NotAllowedError(
        `${what}: the identity lacks a permission (${detail}). Assign it ${context.role}.`,
      );
    case 400:
      return new InputError(`${what}: ${detail}`);
    case 404:
      return new NotFoundError(`${what}: ${detail}`);
    case 409:
    case 412:
      return new ConflictError(`${what}: ${detail}`);
    default:
      return new ServiceUnavailableError(`${what}: ${detail}`);
  }
}
