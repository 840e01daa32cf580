import { generateKeyPairSync } from 'node:crypto';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { NetworksClient } from '@google-cloud/compute';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  describeGcpError,
  gcpRetryAfterMs,
  isGcpThrottling,
  toGcpDiscoveryError,
} from './gcpErrors';

const PROJECT = 'shop-prod-4711';
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

/** Compute Engine's answer when a project's read-request quota is used up. */
const QUOTA_MESSAGE =
  "Quota exceeded for quota group 'ReadGroup' and limit 'Read requests per user per 100 seconds' of service 'compute.googleapis.com' for consumer 'project_number:555'.";

/** The error the real client (google-gax over REST) rejects with for `body`. */
async function computeError(status: number, body: object, headers = {}) {
  server.use(
    http.get(/^https:\/\/compute\.googleapis\.com\//, () =>
      HttpResponse.json(body, { status, headers }),
    ),
  );
  const client = new NetworksClient({
    projectId: PROJECT,
    credentials: {
      client_email: `discovery@${PROJECT}.iam.gserviceaccount.com`,
      private_key: privateKey,
    },
    fallback: true,
    clientOptions: { transporterOptions: { fetchImplementation: fetch } },
  });
  try {
    for await (const _ of client.listAsync({ project: PROJECT })) {
      // drain
    }
    return undefined;
  } catch (error) {
    return error as Error & { reason?: string };
  } finally {
    await client.close();
  }
}

describe('gcpErrors with the errors of @google-cloud/compute', () => {
  it('reads a 403 rateLimitExceeded from the body gax keeps in its cause', async () => {
    const error = await computeError(
      403,
      {
        error: {
          code: 403,
          message: QUOTA_MESSAGE,
          errors: [
            {
              message: QUOTA_MESSAGE,
              domain: 'usageLimits',
              reason: 'rateLimitExceeded',
            },
          ],
        },
      },
      { 'Retry-After': '12' },
    );
    // The client's error names neither the reason nor a rate limit; code 7 is PERMISSION_DENIED.
    expect(error).toMatchObject({ code: 7, reason: undefined });
    expect(isGcpThrottling(error)).toBe(true);
    expect(gcpRetryAfterMs(error)).toBe(12_000);
    const converted = toGcpDiscoveryError(error, 'gcp-prod', PROJECT);
    expect(converted.name).toBe('ServiceUnavailableError');
    expect(converted.message).toContain(
      `Compute Engine kept rate-limiting environment gcp-prod in project ${PROJECT}`,
    );
    expect(converted.message).toContain('(HTTP 403, rateLimitExceeded)');
    expect(converted.message).not.toContain('roles/compute.viewer');
  });

  it('keeps a 403 forbidden a permission problem', async () => {
    const message = `Required 'compute.networks.list' permission for 'projects/${PROJECT}'`;
    const error = await computeError(403, {
      error: {
        code: 403,
        message,
        errors: [{ message, domain: 'global', reason: 'forbidden' }],
      },
    });
    expect(isGcpThrottling(error)).toBe(false);
    const converted = toGcpDiscoveryError(error, 'gcp-prod', PROJECT);
    expect(converted.name).toBe('NotAllowedError');
    expect(converted.message.split('; caused by')[0]).toBe(
      `The service account of environment gcp-prod may not read project ${PROJECT} (${message} (HTTP 403, forbidden)). Grant it roles/compute.viewer on the project.`,
    );
  });

  it('says a disabled API is disabled, though Compute sends it as usageLimits', async () => {
    const message = `Compute Engine API has not been used in project 555 before or it is disabled.`;
    const error = await computeError(403, {
      error: {
        code: 403,
        message,
        errors: [
          { message, domain: 'usageLimits', reason: 'accessNotConfigured' },
        ],
      },
    });
    expect(isGcpThrottling(error)).toBe(false);
    expect(describeGcpError(error, 'gcp-prod', PROJECT).remediation).toBe(
      `Enable it: gcloud services enable compute.googleapis.com --project ${PROJECT}`,
    );
  });
});
