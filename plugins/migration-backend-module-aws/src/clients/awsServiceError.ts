import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** Rejected or expired credentials: retrying cannot help. */
const CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'ExpiredToken',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'RequestExpired',
  'CredentialsProviderError',
]);
const PERMISSION_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
]);
const THROTTLING_ERRORS = new Set([
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'PriorRequestNotComplete',
]);
const NOT_FOUND_ERRORS = new Set([
  'ResourceNotFoundException',
  'NoSuchHostedZone',
  'NoSuchChange',
  'InvalidLaunchTemplateId.NotFound',
  'InvalidLaunchTemplateId.VersionNotFound',
]);
const CONFLICT_ERRORS = new Set([
  'ConflictException',
  'InvalidChangeBatch',
  'ServiceQuotaExceededException',
]);
const INPUT_ERRORS = new Set([
  'ValidationException',
  'InvalidInput',
  'InvalidParameterValue',
  'InvalidParameterCombination',
  'InvalidLaunchTemplateData',
]);

/** The call that failed, for the message. */
export interface AwsCall {
  /** e.g. `AWS Application Migration Service`. */
  service: string;
  /** The IAM action, e.g. `mgn:StartTest`. */
  action: string;
  /** Left out for global services (Route 53). */
  region?: string;
}

/** The error code of an AWS SDK error (`name` for JSON protocols, `Code` for XML ones). */
export function awsErrorCode(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return e?.Code ?? e?.name ?? e?.code ?? 'Error';
}

/** Access key ids can appear in signature errors; they stay out of messages. */
function scrub(text: string): string {
  return text.replace(/\b(AKIA|ASIA|A3T[A-Z0-9])[A-Z0-9]{12,}\b/g, '[key id]');
}

/**
 * Turns an AWS SDK error into a `@backstage/errors` error whose message names the service, the
 * call and what to do. The SDK has already retried what is retryable (throttling, transient
 * errors); credential errors were never retried.
 */
export function toAwsServiceError(error: unknown, call: AwsCall): Error {
  const name = (error as Error)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return error as Error;
  const code = awsErrorCode(error);
  const detail = scrub(
    `${code}: ${(error as Error)?.message ?? String(error)}`,
  );
  const where = call.region
    ? `${call.service} in ${call.region} (${call.action})`
    : `${call.service} (${call.action})`;
  if (CREDENTIAL_ERRORS.has(code)) {
    return new AuthenticationError(
      `AWS rejected the credentials for ${where}: ${detail}. Refresh or rotate them (aws.accounts / aws.mainAccount, or the default chain); expired session tokens need a new session. Not retried.`,
      error,
    );
  }
  if (PERMISSION_ERRORS.has(code)) {
    return new NotAllowedError(
      `The credentials may not call ${where}: ${detail}. Grant ${call.action} (see docs/clouds/aws.md).`,
      error,
    );
  }
  if (code === 'UninitializedAccountException') {
    return new ConflictError(
      `${where}: ${detail}. Initialize Application Migration Service in ${call.region} first (console: Get started, or the InitializeService API).`,
      error,
    );
  }
  if (THROTTLING_ERRORS.has(code)) {
    const attempts = (error as { $metadata?: { attempts?: number } })?.$metadata
      ?.attempts;
    return new ServiceUnavailableError(
      `${where} is still throttled after ${
        attempts ?? 'several'
      } attempts: ${detail}`,
      error,
    );
  }
  if (NOT_FOUND_ERRORS.has(code))
    return new NotFoundError(`${where}: ${detail}`, error);
  if (CONFLICT_ERRORS.has(code))
    return new ConflictError(`${where}: ${detail}`, error);
  if (INPUT_ERRORS.has(code))
    return new InputError(`${where}: ${detail}`, error);
  return new ServiceUnavailableError(`${where} failed: ${detail}`, error);
}

/** Sends through `send` and turns a failure into {@link toAwsServiceError}'s error. */
export async function awsCall<T>(
  call: AwsCall,
  send: () => Promise<T>,
): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw toAwsServiceError(error, call);
  }
}
