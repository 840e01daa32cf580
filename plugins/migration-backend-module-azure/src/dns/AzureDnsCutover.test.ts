import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { staticCredential, SUBSCRIPTION } from '../testUtils/arm';
import {
  createFakeAzureDns,
  DNS_RG,
  type FakeAzureDns,
} from '../testUtils/fakeAzureDns';
import { AzureDnsCutover } from './AzureDnsCutover';
import { readAzureDnsZones } from './dnsZones';

const server = setupServer();
registerMswTestHooks(server);

let fake: FakeAzureDns;

function cutover() {
  const zones = readAzureDnsZones(
    new ConfigReader({
      migration: {
        dns: {
          zones: [
            { name: 'example.org', provider: 'aws' },
            {
              name: 'Shop.Example.com.',
              provider: 'azure',
              azure: { subscriptionId: SUBSCRIPTION, resourceGroup: DNS_RG },
            },
          ],
        },
      },
    }),
  );
  return new AzureDnsCutover({
    zones,
    accessFor: () => ({
      credential: staticCredential(),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1000 },
    }),
  });
}

beforeEach(() => {
  fake = createFakeAzureDns();
  server.use(...fake.handlers);
});

describe('AzureDnsCutover', () => {
  it('reads a record set, and nothing for a name the zone does not have', async () => {
    fake.seed('shop.example.com', 'A', 'www', {
      TTL: 3600,
      ARecords: [{ ipv4Address: '198.51.100.10' }],
    });
    const dns = cutover();
    expect(
      await dns.read('shop.example.com', 'WWW.shop.example.com.', 'A'),
    ).toEqual({
      name: 'www.shop.example.com.',
      type: 'A',
      ttl: 3600,
      values: ['198.51.100.10'],
    });
    expect(
      await dns.read('shop.example.com', 'api.shop.example.com', 'A'),
    ).toBeUndefined();
    expect(fake.calls).toEqual(['GET A www', 'GET A api']);
  });

  it('lowers the TTL and switches with the etag it read, creates new names only if absent, and verifies by reading back', async () => {
    const etag = fake.seed('shop.example.com', 'A', 'www', {
      TTL: 3600,
      ARecords: [{ ipv4Address: '198.51.100.10' }],
      metadata: { owner: 'web-team' },
    });
    const dns = cutover();
    const lowered = await dns.apply('shop.example.com', [
      {
        name: 'www.shop.example.com.',
        type: 'A',
        ttl: 60,
        values: ['198.51.100.10'],
      },
      {
        name: 'shop.example.com',
        type: 'AAAA',
        ttl: 60,
        values: ['2001:db8::10'],
      },
    ]);
    expect(fake.calls).toEqual([
      'GET A www',
      'PUT A www',
      'GET AAAA @',
      'PUT AAAA @',
    ]);
    expect(fake.headers).toEqual([
      { 'if-match': etag, 'if-none-match': null },
      { 'if-match': null, 'if-none-match': '*' },
    ]);
    expect(fake.stored('shop.example.com', 'A', 'www')!.properties).toEqual({
      TTL: 60,
      ARecords: [{ ipv4Address: '198.51.100.10' }],
      metadata: { owner: 'web-team' },
    });
    expect(lowered.zone).toBe('shop.example.com');
    expect(await dns.verify(lowered)).toBe(true);

    const switched = await dns.apply('shop.example.com', [
      {
        name: 'www.shop.example.com',
        type: 'A',
        ttl: 60,
        values: ['10.20.1.14', '10.20.1.15'],
      },
    ]);
    expect(fake.stored('shop.example.com', 'A', 'www')!.properties).toEqual({
      TTL: 60,
      ARecords: [{ ipv4Address: '10.20.1.14' }, { ipv4Address: '10.20.1.15' }],
      metadata: { owner: 'web-team' },
    });
    expect(await dns.verify(switched)).toBe(true);
  });

  it('writes a CNAME as its CNAMERecord', async () => {
    const dns = cutover();
    const change = await dns.apply('shop.example.com', [
      {
        name: 'static.shop.example.com',
        type: 'CNAME',
        ttl: 300,
        values: ['shopstatic.z6.web.core.windows.net.'],
      },
    ]);
    expect(
      fake.stored('shop.example.com', 'CNAME', 'static')!.properties,
    ).toEqual({
      TTL: 300,
      CNAMERecord: { cname: 'shopstatic.z6.web.core.windows.net.' },
    });
    expect(await dns.verify(change)).toBe(true);
  });

  it('does not verify a change someone overwrote since', async () => {
    const dns = cutover();
    const change = await dns.apply('shop.example.com', [
      {
        name: 'api.shop.example.com',
        type: 'A',
        ttl: 300,
        values: ['10.20.1.14'],
      },
    ]);
    fake.seed('shop.example.com', 'A', 'api', {
      TTL: 300,
      ARecords: [{ ipv4Address: '10.20.1.99' }],
    });
    expect(await dns.verify(change)).toBe(false);
  });

  it('removes a record set it created with the etag it read, and leaves one that changed', async () => {
    const dns = cutover();
    const record = {
      name: 'api.shop.example.com',
      type: 'A' as const,
      ttl: 300,
      values: ['10.20.1.14'],
    };
    await dns.apply('shop.example.com', [record]);
    const etag = fake.stored('shop.example.com', 'A', 'api')!.etag;
    fake.calls.length = 0;
    fake.headers.length = 0;

    const removal = await dns.remove('shop.example.com', [record]);
    expect(fake.calls).toEqual(['GET A api', 'DELETE A api']);
    expect(fake.headers).toEqual([{ 'if-match': etag }]);
    expect(await dns.verify(removal)).toBe(true);

    fake.calls.length = 0;
    await dns.remove('shop.example.com', [record]);
    expect(fake.calls).toEqual(['GET A api']);

    fake.seed('shop.example.com', 'A', 'api', {
      TTL: 300,
      ARecords: [{ ipv4Address: '10.20.1.99' }],
    });
    await expect(dns.remove('shop.example.com', [record])).rejects.toThrow(
      /A api.shop.example.com now holds 10.20.1.99 \(TTL 300\), not what the cutover wrote \(10.20.1.14, TTL 300\); it is left in place/,
    );
    expect(fake.stored('shop.example.com', 'A', 'api')).toBeDefined();
  });

  it('retries a throttled write after Retry-After', async () => {
    // ARM asks for 1 s; retry.maxDelayMs (1000) allows that wait, so the call is retried.
    fake.faults.throttle = 1;
    fake.faults.throttleOnly = 'PUT';
    await cutover().apply('shop.example.com', [
      {
        name: 'www.shop.example.com',
        type: 'A',
        ttl: 60,
        values: ['10.20.1.14'],
      },
    ]);
    expect(fake.calls).toEqual(['GET A www', 'PUT A www', 'PUT A www']);
    expect(fake.stored('shop.example.com', 'A', 'www')!.properties.TTL).toBe(
      60,
    );
  });

  it('does not retry an expired token', async () => {
    fake.faults.expired = true;
    const error = await cutover()
      .read('shop.example.com', 'www.shop.example.com', 'A')
      .catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(
      /Azure DNS could not read A www.shop.example.com.: Azure rejected the credentials \(ExpiredAuthenticationToken/,
    );
    expect(fake.calls).toEqual(['GET A www']);
  });

  it('names the field of bad input before calling Azure', async () => {
    const dns = cutover();
    await expect(
      dns.apply('shop.example.com', [
        { name: 'www.example.net', type: 'A', ttl: 60, values: ['10.0.0.1'] },
      ]),
    ).rejects.toThrow(
      'records[0].name: "www.example.net" is not in zone shop.example.com',
    );
    await expect(
      dns.apply('shop.example.com', [
        {
          name: 'www.shop.example.com',
          type: 'A',
          ttl: 60,
          values: ['2001:db8::1'],
        },
      ]),
    ).rejects.toThrow(
      'records[0].values: "2001:db8::1" is not a valid A value',
    );
    await expect(
      dns.read('example.org', 'www.example.org', 'A'),
    ).rejects.toThrow(
      'zone: example.org is not configured in migration.dns.zones with provider: azure',
    );
    expect(fake.calls).toEqual([]);
  });
});
