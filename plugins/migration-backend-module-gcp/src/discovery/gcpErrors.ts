import {
  AuthenticationError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';

type GcpLikeError = Error & {
  code?: number | string;
  reason?: string;
  response?: {
    status?: number;
    data?: { error?: string; error_description?: string };
  };
  errorInfoMetadata?: Record<string, string>;
};

/** Whether an error is Compute's rate limit in one of its shapes (429, or 403 rateLimitExceeded). */
export function isGcpThrottling(error: unknown): boolean {
  const e = error as GcpLikeError;
  return (
    e?.code === 8 ||
    e?.response?.status === 429 ||
    /rateLimitExceeded|userRateLimitExceeded|RESOURCE_EXHAUSTED|Rate Limit Exceeded/i.test(
      `${e?.reason ?? ''} ${e?.message ?? ''}`,
    )
  );
}

function kindOf(
  error: GcpLikeError,
): 'credentials' | 'permission' | 'disabled' | 'other' {
  const text = `${error.message ?? ''} ${error.response?.data?.error ?? ''}`;
  if (
    /has not been used in project|is disabled|accessNotConfigured|SERVICE_DISABLED/i.test(
      text,
    )
  ) {
    return 'disabled';
  }
  if (
    error.code === 16 ||
    error.response?.status === 401 ||
    /invalid_grant|invalid_client|unauthorized_client|UNAUTHENTICATED|Could not load the default credentials/i.test(
      text,
    )
  ) {
    return 'credentials';
  }
  if (error.code === 7 || error.response?.status === 403) return 'permission';
  return 'other';
}

function detailOf(error: GcpLikeError): string {
  const data = error.response?.data;
  if (data?.error && data.error_description)
    return `${data.error}: ${data.error_description}`;
  return (error.message ?? String(error)).split(/\r?\n/)[0];
}

/** A message and remediation for a failed GCP call, for validation checks. */
export function describeGcpError(
  error: unknown,
  environmentId: string,
  projectId: string,
): { message: string; remediation: string } {
  const e = error as GcpLikeError;
  const detail = detailOf(e);
  switch (kindOf(e)) {
    case 'credentials':
      return {
        message: `Google Cloud rejected the credentials of environment ${environmentId} (${detail})`,
        remediation:
          'Create a new key for the service account and set gcp.credentials (or gcp.keyFilename); without them Application Default Credentials are used (GOOGLE_APPLICATION_CREDENTIALS, gcloud auth application-default login, workload identity).',
      };
    case 'disabled':
      return {
        message: `The Compute Engine API is not enabled in project ${projectId} (${detail})`,
        remediation: `Enable it: gcloud services enable compute.googleapis.com --project ${projectId}`,
      };
    case 'permission':
      return {
        message: `The service account of environment ${environmentId} may not read project ${projectId} (${detail})`,
        remediation: 'Grant it roles/compute.viewer on the project.',
      };
    default:
      return {
        message: `Compute Engine could not be reached for environment ${environmentId} (${detail})`,
        remediation:
          'Check gcp.projectId, network access to compute.googleapis.com and oauth2.googleapis.com (proxy, firewall), and the Google Cloud status page.',
      };
  }
}

/** Turns a GCP error into one with a clear message; credential and permission problems keep their kind. */
export function toGcpDiscoveryError(
  error: unknown,
  environmentId: string,
  projectId: string,
): Error {
  const e = error as GcpLikeError;
  if (e?.name === 'AbortError') return e;
  const { message, remediation } = describeGcpError(
    error,
    environmentId,
    projectId,
  );
  const text = `${message}. ${remediation}`;
  switch (kindOf(e)) {
    case 'credentials':
      return new AuthenticationError(text, error);
    case 'permission':
    case 'disabled':
      return new NotAllowedError(text, error);
    default:
      return new ServiceUnavailableError(text, error);
  }
}
