import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ComputeManagementClient } from '@azure/arm-compute';
import type { TokenCredential } from '@azure/core-auth';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AzureThrottlingError,
  throttlingBackoffPolicy,
} from './throttlingPolicy';

const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
const DISKS = `https://management.azure.com/subscriptions/${SUB}/providers/Microsoft.Compute/disks`;

const server = setupServer();
registerMswTestHooks(server);

const credential: TokenCredential = {
  getToken: async () => ({
    token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
    expiresOnTimestamp: Date.now() + 3_600_000,
  }),
};

/** ARM's answer when a subscription's read budget is used up. */
const throttled = (retryAfter: string, remaining = '0') =>
  HttpResponse.json(
    {
      error: {
        code: 'TooManyRequests',
        message:
          'The request is being throttled as the limit has been reached for operation type - Read_30Min. For more information, see - https://aka.ms/srpthrottlinglimits',
      },
    },
    {
      status: 429,
      headers: {
        'Retry-After': retryAfter,
        'x-ms-ratelimit-remaining-subscription-reads': remaining,
        'x-ms-ratelimit-remaining-tenant-reads': '11998',
      },
    },
  );

/** A real ARM client whose policy sleeps through `delays` instead of waiting. */
function disks(maxAttempts = 4) {
  const delays: number[] = [];
  const client = new ComputeManagementClient(credential, SUB, {
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [
      {
        policy: throttlingBackoffPolicy(
          { maxAttempts, baseDelayMs: 500, maxDelayMs: 30_000 },
          { sleep: async ms => void delays.push(ms) },
        ),
        position: 'perRetry',
      },
    ],
  });
  return {
    delays,
    list: async () => {
      const names: string[] = [];
      for await (const disk of client.disks.list()) names.push(disk.name!);
      return names;
    },
  };
}

function serve(...responses: (() => Response)[]) {
  let calls = 0;
  server.use(
    http.get(DISKS, () => {
      const respond =
        responses[calls++] ??
        (() =>
          HttpResponse.json({
            value: [
              {
                id: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Compute/disks/d1`,
                name: 'd1',
                location: 'westeurope',
                properties: { diskSizeGB: 32 },
              },
            ],
          }));
      return respond();
    }),
  );
  return () => calls;
}

describe('throttlingBackoffPolicy with the ARM SDK', () => {
  it('waits what Retry-After asks for, never less', async () => {
    const calls = serve(
      () => throttled('2'),
      () => throttled('3'),
    );
    const client = disks();
    await expect(client.list()).resolves.toEqual(['d1']);
    expect(calls()).toBe(3);
    // Backoff of the first two attempts is at most 500 and 1000 ms; Retry-After wins.
    expect(client.delays).toEqual([2000, 3000]);
  });

  it('fails at once, saying so, when Retry-After is longer than retry.maxDelayMs', async () => {
    const calls = serve(() => throttled('120'));
    const client = disks();
    const error = await client.list().catch(e => e);
    expect(error).toBeInstanceOf(AzureThrottlingError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(error.message).toBe(
      'Azure asked to wait 120 s before the next request, longer than retry.maxDelayMs (30000 ms); not retried sooner than asked (TooManyRequests: The request is being throttled as the limit has been reached for operation type - Read_30Min. For more information, see - https://aka.ms/srpthrottlinglimits; x-ms-ratelimit-remaining-subscription-reads: 0, x-ms-ratelimit-remaining-tenant-reads: 11998; Retry-After 120 s)',
    );
    expect(calls()).toBe(1);
    expect(client.delays).toEqual([]);
  });

  it('reports a 429 that outlasts the retries as throttling, with the remaining-request headers', async () => {
    const calls = serve(
      () => throttled('1'),
      () => throttled('1'),
      () => throttled('1'),
    );
    const client = disks(3);
    const error = await client.list().catch(e => e);
    expect(error).toBeInstanceOf(AzureThrottlingError);
    expect(error.message).toMatch(
      /^Azure kept throttling the request after 3 attempts \(retry\.maxAttempts\) \(TooManyRequests: .*; x-ms-ratelimit-remaining-subscription-reads: 0, x-ms-ratelimit-remaining-tenant-reads: 11998; Retry-After 1 s\)$/,
    );
    expect(error.remaining).toEqual({
      'x-ms-ratelimit-remaining-subscription-reads': '0',
      'x-ms-ratelimit-remaining-tenant-reads': '11998',
    });
    expect(calls()).toBe(3);
    expect(client.delays).toEqual([1000, 1000]);
  });

  it('retries a connection reset and succeeds', async () => {
    const calls = serve(() => HttpResponse.error());
    const client = disks();
    await expect(client.list()).resolves.toEqual(['d1']);
    expect(calls()).toBe(2);
    expect(client.delays).toHaveLength(1);
    // The first backoff: the upper half of baseDelayMs.
    expect(client.delays[0]).toBeGreaterThanOrEqual(250);
    expect(client.delays[0]).toBeLessThanOrEqual(500);
  });
});
