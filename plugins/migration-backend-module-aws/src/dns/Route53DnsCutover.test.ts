import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type { DnsCutover } from '@sirsi-nexus/plugin-migration-node';
import { createAwsCapabilities } from '../capabilities/awsCapabilities';
import { TARGET, targetConfig } from '../testUtils/awsTarget';
import {
  changeInfo,
  recordSets,
  route53Error,
  route53Script,
} from '../testUtils/route53Wire';
import { CallLog } from '../testUtils/scriptedService';
import { Route53DnsCutover } from './Route53DnsCutover';

const server = setupServer();
registerMswTestHooks(server);

const ZONE_ID = 'Z1D633PJN98FT9';
let log: CallLog;
let route53: ReturnType<typeof route53Script>['script'];
let dns: DnsCutover;

const zonesConfig = {
  dns: {
    zones: [
      { name: 'example.com', provider: 'aws', aws: { hostedZoneId: ZONE_ID } },
      {
        name: 'example.org',
        provider: 'azure',
        azure: { resourceGroup: 'dns' },
      },
    ],
  },
};

beforeEach(() => {
  log = new CallLog();
  const r = route53Script(log);
  route53 = r.script;
  server.use(...r.handlers);
  dns = createAwsCapabilities({ config: targetConfig(zonesConfig) })
    .dnsCutover!(TARGET)!;
});

describe('Route53DnsCutover', () => {
  it('reads a record set by exact name and type', async () => {
    route53.once(
      'ListResourceRecordSets',
      `${recordSets([
        {
          name: 'shop.example.com.',
          type: 'A',
          ttl: 300,
          values: ['192.0.2.10', '192.0.2.11'],
        },
      ])}`,
      // The next name in order is another record: shop.example.com has no AAAA.
      recordSets([
        {
          name: 'static.example.com.',
          type: 'CNAME',
          ttl: 300,
          values: ['cdn.example.net'],
        },
      ]),
      recordSets([
        {
          name: 'api.example.com.',
          type: 'A',
          alias: 'dualstack.api-alb-1.eu-west-1.elb.amazonaws.com.',
        },
      ]),
    );
    await expect(
      dns.read('example.com', 'Shop.Example.com', 'A'),
    ).resolves.toEqual({
      name: 'shop.example.com.',
      type: 'A',
      ttl: 300,
      values: ['192.0.2.10', '192.0.2.11'],
    });
    await expect(
      dns.read('example.com.', 'shop.example.com.', 'AAAA'),
    ).resolves.toBeUndefined();
    await expect(
      dns.read('example.com', 'api.example.com', 'A'),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('alias to dualstack.api-alb-1'),
    });
    expect(log.requests('route53:ListResourceRecordSets')[0]).toEqual({
      zone: ZONE_ID,
      name: 'shop.example.com.',
      type: 'A',
      maxitems: '1',
    });
  });

  it('upserts records and reports the change in sync once Route 53 says INSYNC', async () => {
    route53.once(
      'ChangeResourceRecordSets',
      changeInfo('C2682N5HXP0BZ4', 'PENDING'),
    );
    route53.once(
      'GetChange',
      changeInfo('C2682N5HXP0BZ4', 'PENDING'),
      changeInfo('C2682N5HXP0BZ4', 'INSYNC'),
    );

    const change = await dns.apply('example.com', [
      { name: 'shop.example.com', type: 'A', ttl: 60, values: ['10.60.1.11'] },
    ]);
    expect(change).toEqual({ id: 'C2682N5HXP0BZ4', zone: 'example.com' });
    await expect(dns.verify(change)).resolves.toBe(false);
    await expect(dns.verify(change)).resolves.toBe(true);

    expect(log.names()).toEqual([
      'route53:ChangeResourceRecordSets',
      'route53:GetChange',
      'route53:GetChange',
    ]);
    const [request] = log.requests('route53:ChangeResourceRecordSets');
    expect(request.zone).toBe(ZONE_ID);
    expect(request.body).toContain(
      '<Change><Action>UPSERT</Action><ResourceRecordSet><Name>shop.example.com.</Name><Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>10.60.1.11</Value></ResourceRecord></ResourceRecords></ResourceRecordSet></Change>',
    );
    expect(log.requests('route53:GetChange')[0]).toEqual({
      id: 'C2682N5HXP0BZ4',
    });
  });

  it('deletes with the exact values Route 53 holds, and is done when the name is gone', async () => {
    route53.once(
      'ListResourceRecordSets',
      recordSets([
        {
          name: 'new.example.com.',
          type: 'A',
          ttl: 60,
          values: ['10.60.1.12'],
        },
      ]),
      recordSets([
        {
          name: 'other.example.com.',
          type: 'A',
          ttl: 60,
          values: ['10.0.0.1'],
        },
      ]),
      recordSets([
        { name: 'new.example.com.', type: 'A', ttl: 60, values: ['10.99.9.9'] },
      ]),
    );
    route53.once(
      'ChangeResourceRecordSets',
      changeInfo('C3RAND0M1D', 'PENDING'),
    );
    const record = {
      name: 'new.example.com',
      type: 'A' as const,
      ttl: 300,
      values: ['10.60.1.12'],
    };

    await expect(dns.remove('example.com', [record])).resolves.toEqual({
      id: 'C3RAND0M1D',
      zone: 'example.com',
    });
    const [request] = log.requests('route53:ChangeResourceRecordSets');
    // The TTL Route 53 holds (60), not the caller's 300: a DELETE must match exactly.
    expect(request.body).toContain(
      '<Action>DELETE</Action><ResourceRecordSet><Name>new.example.com.</Name><Type>A</Type><TTL>60</TTL>',
    );

    log.clear();
    const gone = await dns.remove('example.com', [record]);
    expect(gone.id).toBe(Route53DnsCutover.NO_CHANGE);
    await expect(dns.verify(gone)).resolves.toBe(true);
    expect(log.names()).toEqual(['route53:ListResourceRecordSets']);

    await expect(dns.remove('example.com', [record])).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('it now holds 10.99.9.9'),
    });
    expect(log.names()).not.toContain('route53:ChangeResourceRecordSets');
  });

  it('retries Throttling and PriorRequestNotComplete, and names what is wrong with the input', async () => {
    route53.once(
      'ChangeResourceRecordSets',
      route53Error('Throttling', 'Rate exceeded'),
      route53Error(
        'PriorRequestNotComplete',
        'The request was rejected because Route 53 was still processing a prior request.',
      ),
      changeInfo('C11', 'PENDING'),
    );
    const change = await dns.apply('example.com', [
      {
        name: 'www.example.com',
        type: 'CNAME',
        ttl: 60,
        values: ['shop.example.com'],
      },
    ]);
    expect(change.id).toBe('C11');
    expect(log.names()).toEqual([
      'route53:ChangeResourceRecordSets',
      'route53:ChangeResourceRecordSets',
      'route53:ChangeResourceRecordSets',
    ]);

    log.clear();
    await expect(
      dns.apply('example.com', [
        { name: 'shop.example.org', type: 'A', ttl: 60, values: ['10.0.0.1'] },
      ]),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('records[0].name'),
    });
    await expect(
      dns.apply('example.com', [
        { name: 'shop.example.com', type: 'A', ttl: 60, values: ['shop'] },
      ]),
    ).rejects.toMatchObject({
      message: expect.stringContaining('records[0].values[0]'),
    });
    await expect(
      dns.read('example.org', 'a.example.org', 'A'),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining(
        'zone: "example.org" is not a Route 53 zone',
      ),
    });
    expect(log.calls).toEqual([]);
  });

  it('fails clearly when Route 53 keeps throttling or denies the change', async () => {
    route53.always(
      'ChangeResourceRecordSets',
      route53Error('Throttling', 'Rate exceeded'),
    );
    const record = {
      name: 'shop.example.com',
      type: 'A' as const,
      ttl: 60,
      values: ['10.0.0.1'],
    };
    await expect(dns.apply('example.com', [record])).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining('still throttled after 3 attempts'),
    });
    log.clear();
    route53.always(
      'ChangeResourceRecordSets',
      route53Error(
        'AccessDenied',
        'User is not authorized to perform: route53:ChangeResourceRecordSets',
        403,
      ),
    );
    await expect(dns.apply('example.com', [record])).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(
        'Grant route53:ChangeResourceRecordSets',
      ),
    });
    expect(log.names()).toEqual(['route53:ChangeResourceRecordSets']);
  });

  it('is there only when zones are configured', () => {
    expect(
      createAwsCapabilities({ config: targetConfig() }).dnsCutover!(TARGET),
    ).toBeUndefined();
    // A move to Azure may still switch names that live in Route 53.
    expect(
      createAwsCapabilities({ config: targetConfig(zonesConfig) }).dnsCutover!({
        provider: 'azure',
        region: 'westeurope',
        environmentId: 'azure-landing',
      }),
    ).toBeInstanceOf(Route53DnsCutover);
    expect(() =>
      createAwsCapabilities({
        config: targetConfig({
          dns: {
            zones: [
              {
                name: 'example.com',
                provider: 'aws',
                aws: { hostedZoneId: 'nope' },
              },
            ],
          },
        }),
      }),
    ).toThrow(/migration.dns.zones\[0\].aws.hostedZoneId/);
  });
});
