import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CloudProviderRegistry } from '@sirsi-nexus/plugin-migration-node';
import { runDiscovery } from '@sirsi-nexus/plugin-migration-node';
import { awsProviderFactory } from '../module';

const EC2_HOST = /^https:\/\/ec2\.([a-z0-9-]+)\.amazonaws\.com\/?$/;
const STS_HOST = /^https:\/\/sts\.([a-z0-9-]+\.)?amazonaws\.com\/?$/;
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

const xml = (body: string, status = 200) =>
  new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'Content-Type': 'text/xml;charset=UTF-8' },
  });

const ec2Error = (code: string, message: string, status: number) =>
  xml(
    `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>c1e5d2f0-9a1b-4c3d-8e7f-000000000001</RequestID></Response>`,
    status,
  );

const tagSet = (tags: Record<string, string>) =>
  `<tagSet>${Object.entries(tags)
    .map(([k, v]) => `<item><key>${k}</key><value>${v}</value></item>`)
    .join('')}</tagSet>`;

const response = (action: string, inner: string, nextToken?: string) =>
  xml(
    `<${action}Response xmlns="${NS}"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>${inner}${
      nextToken ? `<nextToken>${nextToken}</nextToken>` : ''
    }</${action}Response>`,
  );

const vpc = (id: string, cidr: string, name: string) =>
  `<item><vpcId>${id}</vpcId><state>available</state><cidrBlock>${cidr}</cidrBlock><cidrBlockAssociationSet><item><cidrBlock>${cidr}</cidrBlock><associationId>vpc-cidr-assoc-1</associationId><cidrBlockState><state>associated</state></cidrBlockState></item></cidrBlockAssociationSet><dhcpOptionsId>dopt-1</dhcpOptionsId>${tagSet(
    { Name: name },
  )}<instanceTenancy>default</instanceTenancy><isDefault>false</isDefault></item>`;

const subnet = (id: string, vpcId: string, cidr: string, az: string) =>
  `<item><subnetId>${id}</subnetId><state>available</state><vpcId>${vpcId}</vpcId><cidrBlock>${cidr}</cidrBlock><availableIpAddressCount>250</availableIpAddressCount><availabilityZone>${az}</availabilityZone><defaultForAz>false</defaultForAz><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch>${tagSet(
    { Name: `${id}-name` },
  )}</item>`;

const securityGroup = (id: string, vpcId: string, rules: string) =>
  `<item><ownerId>111122223333</ownerId><groupId>${id}</groupId><groupName>${id}-name</groupName><groupDescription>web tier</groupDescription><vpcId>${vpcId}</vpcId><ipPermissions>${rules}</ipPermissions><ipPermissionsEgress/></item>`;

const volume = (id: string, size: number, type: string, instanceId: string) =>
  `<item><volumeId>${id}</volumeId><size>${size}</size><snapshotId/><availabilityZone>us-east-1a</availabilityZone><status>in-use</status><createTime>2023-01-10T10:00:00.000Z</createTime><attachmentSet><item><volumeId>${id}</volumeId><instanceId>${instanceId}</instanceId><device>/dev/xvda</device><status>attached</status><attachTime>2023-01-10T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></item></attachmentSet><volumeType>${type}</volumeType><iops>3000</iops><encrypted>true</encrypted></item>`;

const instance = (
  id: string,
  type: string,
  opts: {
    windows?: boolean;
    volumeId: string;
    name: string;
    publicIp?: string;
    group?: string;
  },
) =>
  `<item><reservationId>r-${id}</reservationId><ownerId>111122223333</ownerId><groupSet/><instancesSet><item><instanceId>${id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>16</code><name>running</name></instanceState><privateDnsName>ip-10-0-1-10.ec2.internal</privateDnsName><dnsName/><instanceType>${type}</instanceType><launchTime>2023-01-10T10:00:00.000Z</launchTime><placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement>${
    opts.windows ? '<platform>windows</platform>' : ''
  }<platformDetails>${
    opts.windows ? 'Windows' : 'Linux/UNIX'
  }</platformDetails><subnetId>subnet-a</subnetId><vpcId>vpc-1</vpcId><privateIpAddress>10.0.1.10</privateIpAddress>${
    opts.publicIp ? `<ipAddress>${opts.publicIp}</ipAddress>` : ''
  }<groupSet><item><groupId>${opts.group ?? 'sg-web'}</groupId><groupName>${
    opts.group ?? 'sg-web'
  }-name</groupName></item></groupSet><architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType><rootDeviceName>/dev/xvda</rootDeviceName><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><volumeId>${
    opts.volumeId
  }</volumeId><status>attached</status><attachTime>2023-01-10T10:00:00.000Z</attachTime><deleteOnTermination>true</deleteOnTermination></ebs></item></blockDeviceMapping>${tagSet(
    { Name: opts.name, owner: 'team-webshop', app: 'webshop' },
  )}</item></instancesSet></item>`;

const instanceType = (type: string, vcpus: number, mem: number) =>
  `<item><instanceType>${type}</instanceType><vCpuInfo><defaultVCpus>${vcpus}</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>${mem}</sizeInMiB></memoryInfo></item>`;

type Handler = (
  params: URLSearchParams,
  region: string,
) => Response | Promise<Response>;

const server = setupServer();
registerMswTestHooks(server);

function serveEc2(handlers: Record<string, Handler>, calls: string[] = []) {
  server.use(
    http.post(EC2_HOST, async ({ request }) => {
      const params = new URLSearchParams(await request.text());
      const action = params.get('Action')!;
      const region = EC2_HOST.exec(request.url)![1];
      calls.push(`${region}:${action}:${params.get('NextToken') ?? ''}`);
      const handler = handlers[action];
      if (!handler) return response(action, emptySet(action));
      return handler(params, region);
    }),
  );
  return calls;
}

function emptySet(action: string) {
  return {
    DescribeVpcs: '<vpcSet/>',
    DescribeSubnets: '<subnetSet/>',
    DescribeSecurityGroups: '<securityGroupInfo/>',
    DescribeVolumes: '<volumeSet/>',
    DescribeInstances: '<reservationSet/>',
    DescribeInstanceTypes: '<instanceTypeSet/>',
  }[action]!;
}

function registry(regions = ['us-east-1']) {
  return CloudProviderRegistry.fromConfig(
    new ConfigReader({
      aws: {
        mainAccount: {
          accessKeyId: 'AKIDEXAMPLE',
          secretAccessKey: 'test-secret',
        },
      },
      migration: {
        environments: [
          {
            id: 'aws-prod',
            provider: 'aws',
            owner: 'group:default/platform-engineering',
            aws: { regions },
            retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 10 },
            // CloudWatch is covered by cloudWatchUtilization.test.ts.
            utilization: { enabled: false },
          },
        ],
      },
    }),
    {
      factories: { aws: awsProviderFactory },
      logger: mockServices.logger.mock(),
    },
  );
}

async function collect(iterable: AsyncIterable<DiscoveredResource>) {
  const out: DiscoveredResource[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

describe('AwsProvider', () => {
  it('discovers VPCs, subnets, security groups, volumes and instances across pages', async () => {
    const calls = serveEc2({
      DescribeVpcs: () =>
        response(
          'DescribeVpcs',
          `<vpcSet>${vpc('vpc-1', '10.0.0.0/16', 'prod')}</vpcSet>`,
        ),
      DescribeSubnets: () =>
        response(
          'DescribeSubnets',
          `<subnetSet>${subnet(
            'subnet-a',
            'vpc-1',
            '10.0.1.0/24',
            'us-east-1a',
          )}${subnet(
            'subnet-b',
            'vpc-1',
            '10.0.2.0/24',
            'us-east-1b',
          )}</subnetSet>`,
        ),
      DescribeSecurityGroups: () =>
        response(
          'DescribeSecurityGroups',
          `<securityGroupInfo>${securityGroup(
            'sg-web',
            'vpc-1',
            '<item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>',
          )}${securityGroup(
            'sg-db',
            'vpc-1',
            '<item><ipProtocol>tcp</ipProtocol><fromPort>5432</fromPort><toPort>5432</toPort><groups><item><userId>111122223333</userId><groupId>sg-web</groupId></item></groups><ipRanges/><ipv6Ranges/><prefixListIds/></item>',
          )}</securityGroupInfo>`,
        ),
      DescribeVolumes: params =>
        params.get('NextToken')
          ? response(
              'DescribeVolumes',
              `<volumeSet>${volume('vol-2', 200, 'io2', 'i-2')}${volume(
                'vol-3',
                30,
                'gp3',
                'i-3',
              )}</volumeSet>`,
            )
          : response(
              'DescribeVolumes',
              `<volumeSet>${volume('vol-1', 50, 'gp3', 'i-1')}</volumeSet>`,
              'vol-page-2',
            ),
      DescribeInstances: params => {
        const token = params.get('NextToken');
        if (!token) {
          return response(
            'DescribeInstances',
            `<reservationSet>${instance('i-1', 'm5.large', {
              volumeId: 'vol-1',
              name: 'shop-web-1',
              publicIp: '54.1.2.3',
            })}</reservationSet>`,
            'page-2',
          );
        }
        if (token === 'page-2') {
          return response(
            'DescribeInstances',
            `<reservationSet>${instance('i-2', 'r5.2xlarge', {
              windows: true,
              volumeId: 'vol-2',
              name: 'shop-db-1',
              group: 'sg-db',
            })}</reservationSet>`,
            'page-3',
          );
        }
        return response(
          'DescribeInstances',
          `<reservationSet>${instance('i-3', 'm5.large', {
            volumeId: 'vol-3',
            name: 'shop-web-2',
          })}</reservationSet>`,
        );
      },
      DescribeInstanceTypes: params => {
        const requested = [...params.entries()]
          .filter(([k]) => k.startsWith('InstanceType.'))
          .map(([, v]) => v);
        const known: Record<string, string> = {
          'm5.large': instanceType('m5.large', 2, 8192),
          'r5.2xlarge': instanceType('r5.2xlarge', 8, 65536),
        };
        return response(
          'DescribeInstanceTypes',
          `<instanceTypeSet>${requested
            .map(t => known[t])
            .join('')}</instanceTypeSet>`,
        );
      },
    });

    const provider = registry().get('aws-prod')!;
    const resources = await collect(provider.discover());

    expect(resources.map(r => `${r.kind}:${r.externalId}`)).toEqual([
      'network:vpc-1',
      'subnet:subnet-a',
      'subnet:subnet-b',
      'security-group:sg-web',
      'security-group:sg-db',
      'disk:vol-1',
      'disk:vol-2',
      'disk:vol-3',
      // The web instances, which sg-db admits, wait for every instance to be listed.
      'vm:i-2',
      'vm:i-1',
      'vm:i-3',
    ]);
    expect(calls.filter(c => c.includes('DescribeInstances:'))).toEqual([
      'us-east-1:DescribeInstances:',
      'us-east-1:DescribeInstances:page-2',
      'us-east-1:DescribeInstances:page-3',
    ]);
    // m5.large is looked up once, not again on the third page.
    expect(calls.filter(c => c.includes('DescribeInstanceTypes'))).toHaveLength(
      2,
    );

    const db = resources.find(r => r.externalId === 'i-2')!;
    expect(db).toMatchObject({
      provider: 'aws',
      environmentId: 'aws-prod',
      name: 'shop-db-1',
      region: 'us-east-1',
      zone: 'us-east-1a',
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        instanceType: 'r5.2xlarge',
        powerState: 'running',
        os: { family: 'windows', name: 'Windows' },
        disks: [{ name: '/dev/xvda', sizeGiB: 200, type: 'io2' }],
        ipAddresses: ['10.0.1.10'],
        publiclyExposed: false,
      },
      tags: { owner: 'team-webshop', app: 'webshop', Name: 'shop-db-1' },
    });
    expect(db.dependsOn.sort()).toEqual(['sg-db', 'subnet-a', 'vol-2']);
    // sg-db admits sg-web on 5432: the web tier depends on the database, on that port.
    expect(db.specs.listeningPorts).toEqual([{ protocol: 'tcp', port: 5432 }]);
    for (const web of ['i-1', 'i-3']) {
      const found = resources.find(r => r.externalId === web)!;
      expect(found.dependsOn).toContain('i-2');
      expect(found.raw!.derivedDependencies).toEqual([
        {
          on: 'i-2',
          protocol: 'tcp',
          port: 5432,
          evidence:
            'derived from security group sg-db rule tcp/5432 from sg-web',
        },
      ]);
    }
    expect(
      resources.find(r => r.externalId === 'i-1')!.specs.publiclyExposed,
    ).toBe(true);
    expect(resources.find(r => r.externalId === 'sg-web')!.specs).toMatchObject(
      {
        publiclyExposed: true,
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            sources: ['0.0.0.0/0'],
          },
        ],
      },
    );
    expect(resources.find(r => r.externalId === 'sg-db')!.dependsOn).toEqual([
      'vpc-1',
      'sg-web',
    ]);
    expect(resources.find(r => r.externalId === 'subnet-b')!.dependsOn).toEqual(
      ['vpc-1'],
    );
  });

  it('retries RequestLimitExceeded with backoff and then succeeds', async () => {
    let vpcCalls = 0;
    serveEc2({
      DescribeVpcs: () => {
        vpcCalls++;
        return vpcCalls < 3
          ? ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503)
          : response(
              'DescribeVpcs',
              `<vpcSet>${vpc('vpc-9', '10.9.0.0/16', 'edge')}</vpcSet>`,
            );
      },
    });
    const summary = await runDiscovery(registry().get('aws-prod')!);
    expect(vpcCalls).toBe(3);
    expect(summary).toMatchObject({
      environmentId: 'aws-prod',
      countsByKind: { network: 1 },
      total: 1,
      warnings: [],
    });
  });

  it('fails with a clear message when the credentials expired, without retrying', async () => {
    const calls = serveEc2({
      DescribeVpcs: () =>
        ec2Error('RequestExpired', 'Request has expired.', 400),
    });
    await expect(
      runDiscovery(registry().get('aws-prod')!),
    ).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringMatching(
        /^AWS rejected the credentials of environment aws-prod in us-east-1 \(RequestExpired: Request has expired\.\)\. Refresh or rotate the credentials/,
      ),
    });
    expect(calls).toHaveLength(1);
  });

  it('finds nothing in an empty account, in every region', async () => {
    const calls = serveEc2({});
    const summary = await runDiscovery(
      registry(['us-east-1', 'eu-west-1']).get('aws-prod')!,
    );
    expect(summary).toMatchObject({ total: 0, countsByKind: {}, warnings: [] });
    expect(new Set(calls.map(c => c.split(':')[0]))).toEqual(
      new Set(['us-east-1', 'eu-west-1']),
    );
  });

  it('validates credentials with STS and EC2 access per region', async () => {
    server.use(
      http.post(STS_HOST, async ({ request }) => {
        const params = new URLSearchParams(await request.text());
        expect(params.get('Action')).toBe('GetCallerIdentity');
        return xml(
          `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/discovery</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
        );
      }),
    );
    serveEc2({
      DescribeInstances: (_p, region) =>
        region === 'eu-west-1'
          ? ec2Error(
              'UnauthorizedOperation',
              'You are not authorized to perform this operation.',
              403,
            )
          : response('DescribeInstances', '<reservationSet/>'),
    });
    const checks = await registry(['us-east-1', 'eu-west-1'])
      .get('aws-prod')!
      .validate();
    expect(checks).toEqual([
      {
        id: 'aws-credentials',
        title: 'AWS credentials',
        status: 'pass',
        message:
          'Signed in as arn:aws:iam::111122223333:user/discovery (account 111122223333)',
      },
      expect.objectContaining({ id: 'aws-ec2-us-east-1', status: 'pass' }),
      expect.objectContaining({
        id: 'aws-ec2-eu-west-1',
        status: 'fail',
        message: expect.stringContaining('UnauthorizedOperation'),
        remediation: expect.stringContaining('AmazonEC2ReadOnlyAccess'),
      }),
    ]);
  });

  it('reports expired STS credentials as a failed check with a remediation', async () => {
    server.use(
      http.post(STS_HOST, () =>
        xml(
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>ExpiredToken</Code><Message>The security token included in the request is expired</Message></Error><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ErrorResponse>`,
          403,
        ),
      ),
    );
    const checks = await registry().get('aws-prod')!.validate();
    expect(checks).toEqual([
      expect.objectContaining({
        status: 'fail',
        message: expect.stringContaining(
          'ExpiredToken: The security token included in the request is expired',
        ),
        remediation: expect.stringContaining(
          'Refresh or rotate the credentials',
        ),
      }),
    ]);
  });

  it('names the bad key in the aws block', () => {
    const build = (aws: object) =>
      CloudProviderRegistry.fromConfig(
        new ConfigReader({
          migration: { environments: [{ id: 'a', provider: 'aws', aws }] },
        }),
        {
          factories: { aws: awsProviderFactory },
          logger: mockServices.logger.mock(),
        },
      );
    expect(() => build({})).toThrow(
      'migration.environments[0] (a): aws.regions must list at least one region',
    );
    expect(() => build({ regions: ['Frankfurt'] })).toThrow(
      'aws.regions: "Frankfurt" is not an AWS region name',
    );
  });
});
