import { GoogleAuth, OAuth2Client } from 'google-auth-library';
import type { RetrySettings } from '@sirsi-nexus/plugin-migration-node';

/** The access token the fakes expect; a real client sends it as `Authorization: Bearer …`. */
export const TEST_TOKEN = 'ya29.test-token';

/** google-auth-library credentials that need no network: an OAuth2 client with a fixed token. */
export function testAuth(): GoogleAuth {
  const client = new OAuth2Client();
  client.setCredentials({
    access_token: TEST_TOKEN,
    expiry_date: Date.now() + 3_600_000,
  });
  return new GoogleAuth({ authClient: client });
}

/** Retries without waiting. */
export const FAST_RETRY: RetrySettings = {
  maxAttempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 2,
};

/** Error bodies as Google APIs send them. */
export const googleErrors = {
  /** OnePlatform quota error (newer APIs such as Migrate to Virtual Machines). */
  quota429: (service: string) => ({
    error: {
      code: 429,
      message: `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service '${service}' for consumer 'project_number:123456789012'.`,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'RATE_LIMIT_EXCEEDED',
          domain: 'googleapis.com',
          metadata: { service, consumer: 'projects/123456789012' },
        },
      ],
    },
  }),
  /** Legacy rate limit: 403 with the reason only in the body. */
  rateLimit403: () => ({
    error: {
      code: 403,
      message: 'Rate Limit Exceeded',
      errors: [
        {
          message: 'Rate Limit Exceeded',
          domain: 'usageLimits',
          reason: 'rateLimitExceeded',
        },
      ],
    },
  }),
  rateLimit429: () => ({
    error: {
      code: 429,
      message: 'The rate of change requests to the zone exceeds the limit.',
      errors: [
        {
          message: 'The rate of change requests to the zone exceeds the limit.',
          domain: 'usageLimits',
          reason: 'rateLimitExceeded',
        },
      ],
    },
  }),
  unauthenticated401: () => ({
    error: {
      code: 401,
      message:
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      errors: [
        {
          message: 'Invalid Credentials',
          domain: 'global',
          reason: 'authError',
          location: 'Authorization',
          locationType: 'header',
        },
      ],
      status: 'UNAUTHENTICATED',
    },
  }),
  permissionDenied403: (permission: string, resource: string) => ({
    error: {
      code: 403,
      message: `Permission '${permission}' denied on resource '${resource}' (or it may not exist).`,
      status: 'PERMISSION_DENIED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'IAM_PERMISSION_DENIED',
          domain: 'iam.googleapis.com',
          metadata: { permission },
        },
      ],
    },
  }),
};
