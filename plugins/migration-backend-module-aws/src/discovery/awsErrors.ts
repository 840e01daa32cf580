import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';

const CREDENTIAL_ERRORS = new Set([
  'AuthFailure',
  'RequestExpired',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'CredentialsProviderError',
]);
const PERMISSION_ERRORS = new Set([
  'UnauthorizedOperation',
  'AccessDenied',
  'AccessDeniedException',
]);

function codeOf(error: unknown): string {
  const e = error as { name?: string; Code?: string; code?: string };
  return e?.Code ?? e?.name ?? e?.code ?? 'Error';
}

/** Whether AWS rejected the credentials themselves: retrying or carrying on cannot help. */
export function isAwsCredentialsError(error: unknown): boolean {
  return CREDENTIAL_ERRORS.has(codeOf(error));
}

/** A message and remediation for a failed AWS call, for validation checks. */
export function describeAwsError(
  error: unknown,
  environmentId: string,
  region: string,
): { message: string; remediation: string } {
  const code = codeOf(error);
  const detail = `${code}: ${(error as Error)?.message ?? String(error)}`;
  if (CREDENTIAL_ERRORS.has(code)) {
    return {
      message: `AWS rejected the credentials of environment ${environmentId} in ${region} (${detail})`,
      remediation:
        'Refresh or rotate the credentials: aws.accounts / aws.mainAccount in the app config, or the default chain (AWS_ACCESS_KEY_ID, AWS_PROFILE, instance role). Expired session tokens need a new session.',
    };
  }
  if (PERMISSION_ERRORS.has(code)) {
    return {
      message: `The credentials of environment ${environmentId} may not read EC2 in ${region} (${detail})`,
      remediation:
        'Grant read access to EC2 and STS, e.g. the AWS managed policy AmazonEC2ReadOnlyAccess (ec2:Describe*) plus sts:GetCallerIdentity.',
    };
  }
  return {
    message: `AWS could not be reached for environment ${environmentId} in ${region} (${detail})`,
    remediation:
      'Check the region names in migration.environments[].aws.regions, network access to the EC2 endpoints (proxy, firewall), and the AWS status page.',
  };
}

/** Turns an AWS error into one with a clear message; credential and permission problems keep their kind. */
export function toAwsDiscoveryError(
  error: unknown,
  environmentId: string,
  region: string,
): Error {
  if ((error as Error)?.name === 'AbortError') return error as Error;
  const { message, remediation } = describeAwsError(
    error,
    environmentId,
    region,
  );
  const code = codeOf(error);
  const text = `${message}. ${remediation}`;
  if (CREDENTIAL_ERRORS.has(code)) return new AuthenticationError(text, error);
  if (PERMISSION_ERRORS.has(code)) return new NotAllowedError(text, error);
  return new ServiceUnavailableError(text, error);
}
