import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { createFakeCloudDns } from '../testUtils/fakeCloudDns';
import {
  FAST_RETRY,
  googleErrors,
  testAuth,
} from '../testUtils/googleTestAuth';
import { CloudDnsCutover } from './CloudDnsCutover';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const ZONE_PATH = 'projects/dns-prod-4711/managedZones/example-com';
const RRSETS = `GET ${ZONE_PATH}/rrsets`;

function setup() {
  const dns = createFakeCloudDns('dns-prod-4711', ['example-com']);
  server.use(dns.handler);
  dns.zones.get('example-com')!.rrsets.set('shop.example.com. A', {
    kind: 'dns#resourceRecordSet',
    name: 'shop.example.com.',
    type: 'A',
    ttl: 3600,
    rrdatas: ['192.0.2.10', '192.0.2.11'],
  });
  const cutover = new CloudDnsCutover({
    zones: [
      {
        name: 'public',
        project: 'dns-prod-4711',
        managedZone: 'example-com',
        auth: testAuth(),
      },
    ],
    retry: FAST_RETRY,
  });
  return { dns, cutover };
}

describe('CloudDnsCutover', () => {
  it('reads a record set by name and type', async () => {
    const { dns, cutover } = setup();
    expect(await cutover.read('public', 'shop.example.com', 'A')).toEqual({
      name: 'shop.example.com.',
      type: 'A',
      ttl: 3600,
      values: ['192.0.2.10', '192.0.2.11'],
    });
    expect(await cutover.read('public', 'shop.example.com.', 'CNAME')).toBe(
      undefined,
    );
    expect(dns.calls).toEqual([
      `${RRSETS}?name=shop.example.com.&type=A`,
      `${RRSETS}?name=shop.example.com.&type=CNAME`,
    ]);
  });

  it('replaces a record set in one change (deletion of the current set, addition of the new) and verifies it', async () => {
    const { dns, cutover } = setup();
    dns.settings.pendingPolls = 2;
    const change = await cutover.apply('public', [
      { name: 'shop.example.com', type: 'A', ttl: 60, values: ['203.0.113.5'] },
    ]);
    expect(change).toEqual({ id: '1', zone: 'public' });
    expect(await cutover.verify(change)).toBe(false);
    expect(await cutover.verify(change)).toBe(true);

    expect(dns.calls).toEqual([
      `${RRSETS}?name=shop.example.com.&type=A`,
      `POST ${ZONE_PATH}/changes`,
      `GET ${ZONE_PATH}/changes/1`,
      `GET ${ZONE_PATH}/changes/1`,
    ]);
    const posted = dns.zones.get('example-com')!.changes[1];
    expect(posted.deletions).toEqual([
      expect.objectContaining({
        name: 'shop.example.com.',
        type: 'A',
        ttl: 3600,
        rrdatas: ['192.0.2.10', '192.0.2.11'],
      }),
    ]);
    expect(posted.additions).toEqual([
      {
        name: 'shop.example.com.',
        type: 'A',
        ttl: 60,
        rrdatas: ['203.0.113.5'],
      },
    ]);
    expect(await cutover.read('public', 'shop.example.com', 'A')).toMatchObject(
      {
        ttl: 60,
        values: ['203.0.113.5'],
      },
    );
  });

  it('sends nothing when the zone already holds the records, answering with its newest change', async () => {
    const { dns, cutover } = setup();
    const first = await cutover.apply('public', [
      {
        name: 'api.example.com',
        type: 'CNAME',
        ttl: 300,
        values: ['lb.example.net.'],
      },
    ]);
    dns.calls.length = 0;
    const again = await cutover.apply('public', [
      {
        name: 'api.example.com',
        type: 'CNAME',
        ttl: 300,
        values: ['lb.example.net.'],
      },
    ]);
    expect(again).toEqual(first);
    expect(dns.calls).toEqual([
      `${RRSETS}?name=api.example.com.&type=CNAME`,
      `GET ${ZONE_PATH}/changes?maxResults=1&sortOrder=descending`,
    ]);
  });

  it('removes a record set the cutover wrote, and refuses one changed since', async () => {
    const { dns, cutover } = setup();
    const wrote = {
      name: 'new.example.com',
      type: 'A' as const,
      ttl: 60,
      values: ['203.0.113.7'],
    };
    await cutover.apply('public', [wrote]);
    const removed = await cutover.remove('public', [wrote]);
    expect(removed).toEqual({ id: '2', zone: 'public' });
    expect(dns.zones.get('example-com')!.rrsets.has('new.example.com. A')).toBe(
      false,
    );

    await expect(
      cutover.remove('public', [
        {
          name: 'shop.example.com',
          type: 'A',
          ttl: 60,
          values: ['203.0.113.5'],
        },
      ]),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'shop.example.com. A in zone public changed since the cutover wrote it (now 192.0.2.10, 192.0.2.11); not removed',
    });
  });

  it('retries rate limits (429 and 403 rateLimitExceeded) and a deletion that lost a race (412)', async () => {
    const { dns, cutover } = setup();
    dns.faults.push(
      {
        method: 'POST',
        path: /changes$/,
        status: 429,
        body: googleErrors.rateLimit429(),
        times: 1,
      },
      {
        method: 'POST',
        path: /changes$/,
        status: 412,
        body: {
          error: {
            code: 412,
            message: "Precondition not met for 'entity.change.deletions[0]'",
            errors: [
              {
                message:
                  "Precondition not met for 'entity.change.deletions[0]'",
                domain: 'global',
                reason: 'conditionNotMet',
              },
            ],
          },
        },
        times: 1,
      },
      {
        method: 'GET',
        path: /changes\/1$/,
        status: 403,
        body: googleErrors.rateLimit403(),
        times: 1,
      },
    );
    const change = await cutover.apply('public', [
      { name: 'shop.example.com', type: 'A', ttl: 60, values: ['203.0.113.5'] },
    ]);
    expect(await cutover.verify(change)).toBe(true);
    expect(dns.calls).toEqual([
      `${RRSETS}?name=shop.example.com.&type=A`,
      `POST ${ZONE_PATH}/changes`,
      `POST ${ZONE_PATH}/changes`,
      `${RRSETS}?name=shop.example.com.&type=A`,
      `POST ${ZONE_PATH}/changes`,
      `GET ${ZONE_PATH}/changes/1`,
      `GET ${ZONE_PATH}/changes/1`,
    ]);
  });

  it('does not retry rejected credentials', async () => {
    const { dns, cutover } = setup();
    dns.faults.push({
      method: 'GET',
      path: /rrsets$/,
      status: 401,
      body: googleErrors.unauthenticated401(),
      times: 3,
    });
    await expect(
      cutover.read('public', 'shop.example.com', 'A'),
    ).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(
        /^Cloud DNS: read shop\.example\.com\. A in projects\/dns-prod-4711\/managedZones\/example-com: Request had invalid authentication credentials\./,
      ),
    });
    expect(dns.calls).toHaveLength(1);
  });

  it('names an unknown zone', async () => {
    const { cutover } = setup();
    await expect(
      cutover.read('internal', 'x.example.com', 'A'),
    ).rejects.toMatchObject({
      name: 'InputError',
      message:
        "zone 'internal' is not a Cloud DNS zone of migration.dns.zones (known: public)",
    });
  });
});
