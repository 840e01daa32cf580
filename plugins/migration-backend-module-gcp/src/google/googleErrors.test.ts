import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { OAuth2Client } from 'google-auth-library';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  googleErrorInfo,
  googleRetryVerdict,
  toGoogleError,
} from './googleErrors';
import { callGoogle } from './googleRetry';

const server = setupServer();
registerMswTestHooks(server);

const URL =
  'https://vmmigration.googleapis.com/v1/projects/p/locations/l/sources';

/** The body Google APIs send for a rate limit, in their legacy `errors[]` format. */
const limited = (status: number, reason: string, headers = {}) =>
  HttpResponse.json(
    {
      error: {
        code: status,
        message:
          "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'vmmigration.googleapis.com' for consumer 'project_number:555'.",
        errors: [
          {
            message: "Quota exceeded for quota metric 'Read requests'",
            domain: 'usageLimits',
            reason,
          },
        ],
        status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'PERMISSION_DENIED',
      },
    },
    { status, headers },
  );

function client() {
  const auth = new OAuth2Client();
  auth.setCredentials({
    access_token: 'ya29.test',
    expiry_date: Date.now() + 3_600_000,
  });
  return auth;
}

/** The GaxiosError google-auth-library rejects with for the served response. */
async function errorOf(response: () => Response) {
  server.use(http.get(URL, response));
  return client()
    .request({ url: URL })
    .then(
      () => undefined,
      e => e,
    );
}

describe('google-auth-library errors', () => {
  it.each(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded'])(
    'retries a 403 %s after the Retry-After it sent',
    async reason => {
      const error = await errorOf(() =>
        limited(403, reason, { 'Retry-After': '7' }),
      );
      expect(googleErrorInfo(error)).toMatchObject({
        kind: 'rateLimit',
        status: 403,
        reasons: [reason],
        retryAfterMs: 7000,
      });
      expect(googleRetryVerdict(error)).toBe(7000);
    },
  );

  it('keeps a 403 without a rate reason a permission error, never retried', async () => {
    const error = await errorOf(() =>
      HttpResponse.json(
        {
          error: {
            code: 403,
            message:
              "Permission 'vmmigration.sources.list' denied on resource '//vmmigration.googleapis.com/projects/p/locations/l' (or it may not exist).",
            errors: [
              {
                message: "Permission 'vmmigration.sources.list' denied",
                domain: 'global',
                reason: 'forbidden',
              },
            ],
            status: 'PERMISSION_DENIED',
          },
        },
        { status: 403 },
      ),
    );
    expect(googleRetryVerdict(error)).toBe(false);
    const converted = toGoogleError(error, 'Migrate to VMs: list sources');
    expect(converted.name).toBe('NotAllowedError');
    expect(converted.message).toContain(
      "Migrate to VMs: list sources: Permission 'vmmigration.sources.list' denied",
    );
  });

  it('callGoogle retries a 429 quotaExceeded and returns the answer', async () => {
    let calls = 0;
    server.use(
      http.get(URL, () =>
        ++calls === 1
          ? limited(429, 'quotaExceeded', { 'Retry-After': '0' })
          : HttpResponse.json({ sources: [] }),
      ),
    );
    const auth = client();
    const response = await callGoogle(
      'Migrate to VMs: list sources',
      () => auth.request<{ sources: unknown[] }>({ url: URL }),
      { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
    );
    expect(response.data).toEqual({ sources: [] });
    expect(calls).toBe(2);
  });
});
