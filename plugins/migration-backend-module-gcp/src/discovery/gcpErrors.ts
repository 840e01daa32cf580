import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { googleErrorInfo, type GoogleErrorInfo } from '../google/googleErrors';

type Kind = 'credentials' | 'permission' | 'disabled' | 'throttled' | 'other';

/**
 * Whether an error is Compute's rate limit in one of its shapes: 429 / `RESOURCE_EXHAUSTED`, or
 * 403 with `rateLimitExceeded`, `userRateLimitExceeded` or `quotaExceeded` as `errors[].reason`
 * of the body (which google-gax keeps only on the GaxiosError in its `cause`).
 */
export function isGcpThrottling(error: unknown): boolean {
  return googleErrorInfo(error).kind === 'rateLimit';
}

/** The `Retry-After` Compute sent with a throttled response, in ms. */
export function gcpRetryAfterMs(error: unknown): number | undefined {
  return googleErrorInfo(error).retryAfterMs;
}

function kindOf(error: unknown, info: GoogleErrorInfo): Kind {
  const text = `${info.message} ${(error as Error)?.message ?? ''}`;
  if (
    info.reasons.includes('accessNotConfigured') ||
    /has not been used in project|is disabled|SERVICE_DISABLED/i.test(text)
  ) {
    return 'disabled';
  }
  // Rate limits first: Compute sends them as 403, the status of a missing permission.
  if (info.kind === 'rateLimit') return 'throttled';
  if (
    info.kind === 'credentials' ||
    /UNAUTHENTICATED|Could not load the default credentials/i.test(text)
  ) {
    return 'credentials';
  }
  if (info.kind === 'permission') return 'permission';
  return 'other';
}

function detailOf(info: GoogleErrorInfo): string {
  const reasons = info.reasons.length > 0 ? `, ${info.reasons.join(', ')}` : '';
  return `${info.message}${
    info.status ? ` (HTTP ${info.status}${reasons})` : ''
  }`;
}

function describe(
  error: unknown,
  environmentId: string,
  projectId: string,
): { kind: Kind; message: string; remediation: string } {
  const info = googleErrorInfo(error);
  const detail = detailOf(info);
  const kind = kindOf(error, info);
  switch (kind) {
    case 'credentials':
      return {
        kind,
        message: `Google Cloud rejected the credentials of environment ${environmentId} (${detail})`,
        remediation:
          'Create a new key for the service account and set gcp.credentials (or gcp.keyFilename); without them Application Default Credentials are used (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, workload identity).',
      };
    case 'disabled':
      return {
        kind,
        message: `The Compute Engine API is not enabled in project ${projectId} (${detail})`,
        remediation: `Enable it: gcloud services enable compute.googleapis.com --project ${projectId}`,
      };
    case 'throttled':
      return {
        kind,
        message: `Compute Engine kept rate-limiting environment ${environmentId} in project ${projectId} after the configured retries (${detail})`,
        remediation:
          "Run discovery less often or at a quieter time, raise the project's Compute Engine read-request quota (IAM & Admin > Quotas), or allow more and longer retries (retry.maxAttempts, retry.maxDelayMs).",
      };
    case 'permission':
      return {
        kind,
        message: `The service account of environment ${environmentId} may not read project ${projectId} (${detail})`,
        remediation: 'Grant it roles/compute.viewer on the project.',
      };
    default:
      return {
        kind,
        message: `Compute Engine could not be reached for environment ${environmentId} (${detail})`,
        remediation:
          'Check gcp.projectId, network access to compute.googleapis.com and oauth2.googleapis.com (proxy, firewall), and the Google Cloud status page.',
      };
  }
}

/** A message and remediation for a failed GCP call, for validation checks. */
export function describeGcpError(
  error: unknown,
  environmentId: string,
  projectId: string,
): { message: string; remediation: string } {
  const { message, remediation } = describe(error, environmentId, projectId);
  return { message, remediation };
}

/** Turns a GCP error into one with a clear message; credential and permission problems keep their kind. */
export function toGcpDiscoveryError(
  error: unknown,
  environmentId: string,
  projectId: string,
): Error {
  if ((error as Error)?.name === 'AbortError') return error as Error;
  const { kind, message, remediation } = describe(
    error,
    environmentId,
    projectId,
  );
  const text = `${message}. ${remediation}`;
  switch (kind) {
    case 'credentials':
      return new AuthenticationError(text, error);
    case 'permission':
    case 'disabled':
      return new NotAllowedError(text, error);
    default:
      return new ServiceUnavailableError(text, error);
  }
}
