import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type { ReplicationCandidate } from '@sirsi-nexus/plugin-migration-node';
import { createAwsTargetClients } from '../clients/targetClients';
import {
  S1,
  S2,
  S3,
  S4,
  S5,
  S6,
  TARGET,
  targetConfig,
} from '../testUtils/awsTarget';
import { ec2Script, reservations } from '../testUtils/ec2Wire';
import { GiB, mgnScript, sourceServer } from '../testUtils/mgnWire';
import { CallLog } from '../testUtils/scriptedService';
import { MgnServerReplicator } from './MgnServerReplicator';

const server = setupServer();
registerMswTestHooks(server);

let log: CallLog;
let mgn: ReturnType<typeof mgnScript>['script'];
let ec2: ReturnType<typeof ec2Script>['script'];
let replicator: MgnServerReplicator;
const NOW = Date.parse('2025-03-01T10:00:00Z');

beforeEach(() => {
  log = new CallLog();
  const m = mgnScript(log);
  const e = ec2Script(log);
  mgn = m.script;
  ec2 = e.script;
  server.use(m.handler, e.handler);
  const clients = createAwsTargetClients(targetConfig());
  replicator = new MgnServerReplicator({
    mgn: clients.mgn(TARGET),
    ec2: clients.ec2(TARGET),
    region: 'eu-west-1',
    maxLagSeconds: 60,
    now: () => NOW,
  });
});

const candidate = (
  name: string,
  extra: Partial<ReplicationCandidate> = {},
): ReplicationCandidate => ({
  entityRef: `resource:default/${name}`,
  name,
  externalId: `vm-${name}`,
  provider: 'inventory',
  hostnames: [],
  ipAddresses: [],
  ...extra,
});

describe('MgnServerReplicator.match', () => {
  it('matches by host name/FQDN, short name, IP and instance id, and says what to install for the rest', async () => {
    mgn.once(
      'DescribeSourceServers',
      {
        items: [
          sourceServer({
            id: S1,
            hostname: 'SHOP-WEB-01',
            fqdn: 'shop-web-01.corp.example.com',
          }),
          sourceServer({ id: S2, hostname: 'shop-db-01', ips: ['10.20.0.12'] }),
        ],
        nextToken: 'page-2',
      },
      {
        items: [
          sourceServer({
            id: S3,
            hostname: 'ip-10-20-0-15',
            ips: ['10.20.0.15'],
          }),
          sourceServer({
            id: S4,
            hostname: 'ip-172-31-5-9',
            ips: ['172.31.5.9'],
            awsInstanceID: 'i-0a1b2c3d4e5f67890',
          }),
          sourceServer({ id: S5, hostname: 'web07', ips: ['10.0.0.5'] }),
        ],
      },
    );

    const result = await replicator.match([
      candidate('shop-web-01', { hostnames: ['shop-web-01'] }),
      candidate('shop-db-01', { hostnames: ['Shop-DB-01.corp.example.com.'] }),
      candidate('legacy-app', { ipAddresses: ['10.20.0.15'] }),
      candidate('billing-api', {
        provider: 'aws',
        externalId: 'i-0a1b2c3d4e5f67890',
        hostnames: ['billing-api'],
        ipAddresses: ['172.31.5.9'],
      }),
      candidate('db01', { hostnames: ['db01'], ipAddresses: ['10.0.0.5'] }),
      candidate('crm-01', { hostnames: ['crm-01.corp.example.com'] }),
    ]);

    expect(result.matched).toEqual([
      expect.objectContaining({
        name: 'shop-web-01',
        serverId: S1,
        serviceName: 'shop-web-01.corp.example.com',
      }),
      expect.objectContaining({ name: 'shop-db-01', serverId: S2 }),
      expect.objectContaining({ name: 'legacy-app', serverId: S3 }),
      expect.objectContaining({ name: 'billing-api', serverId: S4 }),
    ]);
    // The same private address at another site with another host name is not this server.
    expect(result.unmatched.map(u => u.name)).toEqual(['db01', 'crm-01']);
    const crm = result.unmatched[1].reason;
    expect(crm).toContain('Install the AWS Replication Agent on crm-01');
    expect(crm).toContain(
      'https://docs.aws.amazon.com/mgn/latest/ug/agent-installation.html',
    );
    expect(crm).toContain('MGN vCenter client');
    expect(crm).toContain(
      'https://docs.aws.amazon.com/mgn/latest/ug/agentless-mgn.html',
    );
    expect(log.requests('mgn:DescribeSourceServers')).toEqual([
      { filters: { isArchived: false } },
      { filters: { isArchived: false }, nextToken: 'page-2' },
    ]);
  });

  it('narrows several host-name hits by address, and calls the rest ambiguous', async () => {
    mgn.once('DescribeSourceServers', {
      items: [
        sourceServer({
          id: S1,
          hostname: 'web',
          fqdn: 'web.site-a.example.com',
          ips: ['10.1.0.4'],
        }),
        sourceServer({
          id: S2,
          hostname: 'web',
          fqdn: 'web.site-b.example.com',
          ips: ['10.2.0.4'],
        }),
        sourceServer({
          id: S6,
          hostname: 'app',
          fqdn: 'app.site-a.example.com',
        }),
      ],
    });
    const result = await replicator.match([
      candidate('web-b', { hostnames: ['web'], ipAddresses: ['10.2.0.4'] }),
      candidate('web', { hostnames: ['web'] }),
      // Two different FQDNs with the same first label are two hosts.
      candidate('app-c', { hostnames: ['app.site-c.example.com'] }),
    ]);
    expect(result.matched).toEqual([
      expect.objectContaining({ name: 'web-b', serverId: S2 }),
    ]);
    expect(result.unmatched[0].reason).toMatch(
      new RegExp(
        `Several MGN source servers match web: ${S1} \\(web.site-a.example.com\\), ${S2}`,
      ),
    );
    expect(result.unmatched[1]).toMatchObject({ name: 'app-c' });
    expect(result.unmatched[1].reason).toContain(
      'Install the AWS Replication Agent',
    );
  });

  it('does not hand one source server to two resources', async () => {
    mgn.once('DescribeSourceServers', {
      items: [sourceServer({ id: S1, hostname: 'erp', ips: ['10.3.0.7'] })],
    });
    const result = await replicator.match([
      candidate('erp', { hostnames: ['erp'] }),
      candidate('erp-clone', { ipAddresses: ['10.3.0.7'] }),
    ]);
    expect(result.matched).toEqual([]);
    expect(result.unmatched.map(u => u.reason)).toEqual([
      expect.stringContaining(
        `${S1} (erp) matches several resources: erp, erp-clone`,
      ),
      expect.stringContaining(
        `${S1} (erp) matches several resources: erp, erp-clone`,
      ),
    ]);
  });
});

describe('MgnServerReplicator.state', () => {
  it('maps dataReplicationInfo and lifeCycle to health, bytes, lag, ETA and the launched instance', async () => {
    mgn.once('DescribeSourceServers', {
      items: [
        sourceServer({
          id: S1,
          lagDuration: 'PT12S',
          disks: [
            { total: 100 * GiB, replicated: 100 * GiB },
            { total: 50 * GiB, replicated: 50 * GiB },
          ],
        }),
        sourceServer({
          id: S2,
          lagDuration: 'PT5M',
          lifeCycle: 'READY_FOR_CUTOVER',
        }),
        sourceServer({
          id: S3,
          replication: 'INITIAL_SYNC',
          lifeCycle: 'NOT_READY',
          disks: [{ total: 100 * GiB, replicated: 40 * GiB, backlog: 2 * GiB }],
          etaDateTime: '2025-03-01T12:00:00Z',
        }),
        sourceServer({
          id: S4,
          replication: 'STALLED',
          lagDuration: 'P1DT2H',
          error: {
            error: 'UNSTABLE_NETWORK',
            rawError: 'Replication server lost the agent connection',
          },
        }),
        sourceServer({
          id: S5,
          replication: 'INITIATING',
          lifeCycle: 'NOT_READY',
          error: {
            error: 'FAILED_TO_LAUNCH_REPLICATION_SERVER',
            rawError: 'InsufficientInstanceCapacity in eu-west-1a',
          },
        }),
        sourceServer({
          id: S6,
          lifeCycle: 'TESTING',
          lagDuration: 'PT3S',
          lastTestJob: 'mgnjob-0a1b2c3d4e5f60001',
          launched: {
            ec2InstanceID: 'i-0feedfacecafe0001',
            jobID: 'mgnjob-0a1b2c3d4e5f60001',
            firstBoot: 'SUCCEEDED',
          },
        }),
      ],
    });
    ec2.once(
      'DescribeInstances',
      reservations([
        {
          id: 'i-0feedfacecafe0001',
          privateIp: '10.50.1.20',
          publicIp: '203.0.113.20',
        },
      ]),
    );

    const states = await replicator.state(
      [S1, S2, S3, S4, S5, S6].map(id => ({
        entityRef: `resource:default/${id}`,
        name: id,
        serverId: id,
      })),
    );

    expect(states[0]).toEqual({
      serverId: S1,
      health: 'healthy',
      lifecycle: 'ready_for_test',
      replicatedBytes: 150 * GiB,
      totalBytes: 150 * GiB,
      backlogBytes: 0,
      lagSeconds: 12,
      etaSeconds: undefined,
    });
    expect(states[1]).toMatchObject({
      health: 'lagging',
      lifecycle: 'ready_for_cutover',
      lagSeconds: 300,
      message:
        'Replication lags 300 s behind the source (at most 60 s allowed)',
    });
    expect(states[2]).toMatchObject({
      health: 'replicating',
      lifecycle: 'not_ready',
      replicatedBytes: 40 * GiB,
      totalBytes: 100 * GiB,
      backlogBytes: 2 * GiB,
      etaSeconds: 7200,
    });
    expect(states[3]).toMatchObject({
      health: 'stalled',
      lagSeconds: 93600,
      message: 'UNSTABLE_NETWORK: Replication server lost the agent connection',
    });
    expect(states[4]).toMatchObject({
      health: 'error',
      message:
        'FAILED_TO_LAUNCH_REPLICATION_SERVER: InsufficientInstanceCapacity in eu-west-1a',
    });
    expect(states[5]).toMatchObject({
      health: 'healthy',
      lifecycle: 'testing',
      testInstance: {
        id: 'i-0feedfacecafe0001',
        addresses: ['10.50.1.20', '203.0.113.20'],
      },
    });
    expect(states[5].cutoverInstance).toBeUndefined();

    expect(log.names()).toEqual([
      'mgn:DescribeSourceServers',
      'ec2:DescribeInstances',
    ]);
    expect(log.requests('mgn:DescribeSourceServers')[0]).toEqual({
      filters: { sourceServerIDs: [S1, S2, S3, S4, S5, S6] },
    });
    expect(log.requests('ec2:DescribeInstances')[0]).toMatchObject({
      'Filter.1.Name': 'instance-id',
      'Filter.1.Value.1': 'i-0feedfacecafe0001',
    });
  });

  it('names a server MGN does not know and rejects malformed ids before calling', async () => {
    mgn.once('DescribeSourceServers', { items: [sourceServer({ id: S1 })] });
    await expect(
      replicator.state([
        { entityRef: 'a', name: 'a', serverId: S1 },
        { entityRef: 'b', name: 'b', serverId: S2 },
      ]),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(S2),
    });

    log.clear();
    await expect(
      replicator.state([{ entityRef: 'a', name: 'a', serverId: 'vm-42' }]),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('servers[0].serverId'),
    });
    expect(log.calls).toEqual([]);
  });
});
