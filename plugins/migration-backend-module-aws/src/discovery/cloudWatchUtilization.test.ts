import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  CloudProviderRegistry,
  runDiscovery,
} from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { awsProviderFactory } from '../module';

/*
 * EC2 speaks the Query protocol (form fields, XML); CloudWatch, as @aws-sdk/client-cloudwatch
 * 3.11xx calls it, speaks AWS JSON 1.0 with query compatibility: `POST /` with
 * `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, epoch-second timestamps, and errors
 * as `{ __type, message }` with the Query error code in `x-amzn-query-error`.
 */
const EC2_HOST = /^https:\/\/ec2\.([a-z0-9-]+)\.amazonaws\.com\/?$/;
const STS_HOST = /^https:\/\/sts\.([a-z0-9-]+\.)?amazonaws\.com\/?$/;
const MONITORING_HOST =
  /^https:\/\/monitoring\.([a-z0-9-]+)\.amazonaws\.com\/?$/;
const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const DAY = 86_400;

const server = setupServer();
registerMswTestHooks(server);

const ec2Xml = (action: string, inner: string) =>
  new HttpResponse(
    `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>${inner}</${action}Response>`,
    { headers: { 'Content-Type': 'text/xml;charset=UTF-8' } },
  );

const instanceIds = (n: number, prefix = 'i-0') =>
  Array.from(
    { length: n },
    (_, i) => `${prefix}${String(i).padStart(16, '0')}`,
  );

/** DescribeInstances with the given instances (m5.2xlarge), everything else empty. */
function serveEc2(ids: string[]) {
  server.use(
    http.post(EC2_HOST, async ({ request }) => {
      const action = new URLSearchParams(await request.text()).get('Action')!;
      const inner: Record<string, string> = {
        DescribeVpcs: '<vpcSet/>',
        DescribeSubnets: '<subnetSet/>',
        DescribeSecurityGroups: '<securityGroupInfo/>',
        DescribeVolumes: '<volumeSet/>',
        DescribeInstanceTypes:
          '<instanceTypeSet><item><instanceType>m5.2xlarge</instanceType><vCpuInfo><defaultVCpus>8</defaultVCpus></vCpuInfo><memoryInfo><sizeInMiB>32768</sizeInMiB></memoryInfo></item></instanceTypeSet>',
        DescribeInstances: `<reservationSet>${ids
          .map(
            id =>
              `<item><reservationId>r-${id}</reservationId><ownerId>111122223333</ownerId><groupSet/><instancesSet><item><instanceId>${id}</instanceId><imageId>ami-0abcdef1234567890</imageId><instanceState><code>16</code><name>running</name></instanceState><instanceType>m5.2xlarge</instanceType><placement><availabilityZone>us-east-1a</availabilityZone><tenancy>default</tenancy></placement><platformDetails>Linux/UNIX</platformDetails><architecture>x86_64</architecture></item></instancesSet></item>`,
          )
          .join('')}</reservationSet>`,
      };
      return ec2Xml(action, inner[action]);
    }),
  );
}

type Query = {
  Id: string;
  MetricStat: {
    Metric: {
      Namespace: string;
      MetricName: string;
      Dimensions?: Array<{ Name: string; Value: string }>;
    };
    Period: number;
    Stat: string;
  };
};
type Call = { region: string; target: string; body: any };
type Reply = (body: any, call: number) => Response | undefined;

const json = (body: object) =>
  HttpResponse.json(body, {
    headers: { 'Content-Type': 'application/x-amz-json-1.0' },
  });

function cloudWatchError(code: string, type: string, message: string) {
  return HttpResponse.json(
    { __type: type, message },
    {
      status: 400,
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': `${code};Sender`,
        'x-amzn-RequestId': 'a1b2c3d4-0000-4000-8000-000000000001',
      },
    },
  );
}

const accessDenied = (action: string) =>
  cloudWatchError(
    'AccessDenied',
    'com.amazon.coral.service#AccessDeniedException',
    `User: arn:aws:iam::111122223333:user/discovery is not authorized to perform: cloudwatch:${action} because no identity-based policy allows the cloudwatch:${action} action`,
  );

/** CPU P95 per instance (by its index), memory P95 = CPU + 20 for instances with the agent. */
const cpuOf = (id: string) => (Number(id.slice(-3)) % 90) + 0.5;

/** GetMetricData answered from the queries: one p95 datapoint per query at the window's start. */
function metricData(body: { MetricDataQueries: Query[]; StartTime: number }) {
  return {
    MetricDataResults: body.MetricDataQueries.map(q => {
      const id = q.MetricStat.Metric.Dimensions?.find(
        d => d.Name === 'InstanceId',
      )?.Value;
      if (!id) {
        // Fleet-wide queries (validation) get no datapoints here.
        return {
          Id: q.Id,
          Label: q.MetricStat.Metric.MetricName,
          Timestamps: [],
          Values: [],
          StatusCode: 'Complete',
        };
      }
      const value =
        q.MetricStat.Metric.Namespace === 'AWS/EC2'
          ? cpuOf(id)
          : cpuOf(id) + 20;
      return {
        Id: q.Id,
        Label: q.MetricStat.Metric.MetricName,
        Timestamps: [body.StartTime],
        Values: [value],
        StatusCode: 'Complete',
      };
    }),
    Messages: [],
  };
}

/** The agent's memory metric for `ids`, with the dimensions the agent appends. */
const agentMetrics = (ids: string[]) =>
  ids.map(id => ({
    Namespace: 'CWAgent',
    MetricName: 'mem_used_percent',
    Dimensions: [
      { Name: 'InstanceId', Value: id },
      { Name: 'ImageId', Value: 'ami-0abcdef1234567890' },
      { Name: 'InstanceType', Value: 'm5.2xlarge' },
    ],
  }));

function serveCloudWatch(replies: {
  ListMetrics?: Reply;
  GetMetricData?: Reply;
}) {
  const calls: Call[] = [];
  const count: Record<string, number> = {};
  server.use(
    http.post(MONITORING_HOST, async ({ request }) => {
      const target = request.headers.get('x-amz-target')!;
      const op = target.replace('GraniteServiceVersion20100801.', '');
      const body = await request.json();
      calls.push({
        region: MONITORING_HOST.exec(request.url)![1],
        target,
        body,
      });
      count[op] = (count[op] ?? 0) + 1;
      const reply = replies[op as keyof typeof replies]?.(body, count[op]);
      if (reply) return reply;
      return op === 'ListMetrics'
        ? json({ Metrics: [] })
        : json(metricData(body as any));
    }),
  );
  return calls;
}

function registry(env: Record<string, unknown> = {}, regions = ['us-east-1']) {
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
            aws: { regions },
            retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 10 },
            ...env,
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

async function discover(env?: Record<string, unknown>, regions?: string[]) {
  const resources: DiscoveredResource[] = [];
  const summary = await runDiscovery(registry(env, regions).get('aws-prod')!, {
    onResource: r => {
      resources.push(r);
    },
  });
  return { resources, summary, vms: resources.filter(r => r.kind === 'vm') };
}

const getMetricData = (calls: Call[]) =>
  calls.filter(c => c.target.endsWith('.GetMetricData'));

describe('CloudWatch utilization of EC2 instances', () => {
  it('asks for 300 instances with the agent in two GetMetricData calls of at most 500 queries', async () => {
    const ids = instanceIds(300);
    serveEc2(ids);
    const calls = serveCloudWatch({
      ListMetrics: () => json({ Metrics: agentMetrics(ids) }),
    });

    const { vms, summary } = await discover();

    const batches = getMetricData(calls);
    expect(batches.map(c => c.body.MetricDataQueries.length)).toEqual([
      500, 100,
    ]);
    const [first] = batches;
    expect(first.body.EndTime - first.body.StartTime).toBe(14 * DAY);
    expect(first.body.EndTime % 3600).toBe(0);
    expect(first.body.MetricDataQueries.slice(0, 2)).toEqual([
      {
        Id: 'c0',
        MetricStat: {
          Metric: {
            Namespace: 'AWS/EC2',
            MetricName: 'CPUUtilization',
            Dimensions: [{ Name: 'InstanceId', Value: ids[0] }],
          },
          Period: 14 * DAY,
          Stat: 'p95',
        },
        ReturnData: true,
      },
      {
        Id: 'm0',
        MetricStat: {
          Metric: {
            Namespace: 'CWAgent',
            MetricName: 'mem_used_percent',
            Dimensions: agentMetrics([ids[0]])[0].Dimensions,
          },
          Period: 14 * DAY,
          Stat: 'p95',
        },
        ReturnData: true,
      },
    ]);
    expect(vms).toHaveLength(300);
    for (const vm of vms) {
      expect(vm.utilization).toEqual({
        cpuP95: cpuOf(vm.externalId),
        memP95: cpuOf(vm.externalId) + 20,
        window: 'P14D',
        source: 'CloudWatch',
      });
    }
    expect(summary.warnings).toEqual([]);
  });

  it('follows NextToken of ListMetrics and GetMetricData, and leaves memory unmeasured without the agent', async () => {
    const ids = instanceIds(3);
    serveEc2(ids);
    const calls = serveCloudWatch({
      ListMetrics: (body, n) => {
        if (n === 1) {
          return json({ Metrics: agentMetrics([ids[0]]), NextToken: 'lm-2' });
        }
        // The second page of the Linux metric; no Windows agents.
        return json({
          Metrics:
            body.MetricName === 'mem_used_percent'
              ? agentMetrics([ids[1]])
              : [],
        });
      },
      GetMetricData: body => {
        const all = metricData(body);
        return body.NextToken === 'gmd-2'
          ? json({ MetricDataResults: all.MetricDataResults.slice(2) })
          : json({
              MetricDataResults: all.MetricDataResults.slice(0, 2),
              NextToken: 'gmd-2',
            });
      },
    });

    const { vms } = await discover({ utilization: { windowDays: 30 } });

    expect(
      calls.map(c => `${c.target.split('.')[1]}:${c.body.NextToken ?? ''}`),
    ).toEqual([
      'ListMetrics:',
      'ListMetrics:lm-2',
      'ListMetrics:',
      'GetMetricData:',
      'GetMetricData:gmd-2',
    ]);
    expect(
      getMetricData(calls)[0].body.MetricDataQueries[0].MetricStat.Period,
    ).toBe(30 * DAY);
    expect(vms.map(v => v.utilization)).toEqual([
      {
        cpuP95: cpuOf(ids[0]),
        memP95: cpuOf(ids[0]) + 20,
        window: 'P30D',
        source: 'CloudWatch',
      },
      {
        cpuP95: cpuOf(ids[1]),
        memP95: cpuOf(ids[1]) + 20,
        window: 'P30D',
        source: 'CloudWatch',
      },
      { cpuP95: cpuOf(ids[2]), window: 'P30D', source: 'CloudWatch' },
    ]);
  });

  it('retries a throttled GetMetricData and then measures', async () => {
    const ids = instanceIds(2);
    serveEc2(ids);
    const calls = serveCloudWatch({
      GetMetricData: (_body, n) =>
        n === 1
          ? cloudWatchError(
              'Throttling',
              'com.amazon.coral.availability#ThrottlingException',
              'Rate exceeded',
            )
          : undefined,
    });

    const { vms, summary } = await discover();

    expect(getMetricData(calls)).toHaveLength(2);
    expect(vms.map(v => v.utilization?.cpuP95)).toEqual(ids.map(cpuOf));
    expect(summary.warnings).toEqual([]);
  });

  it('leaves instances unmeasured with one warning per environment when CloudWatch is denied', async () => {
    const ids = instanceIds(2);
    serveEc2(ids);
    const calls = serveCloudWatch({
      GetMetricData: () => accessDenied('GetMetricData'),
    });

    const { vms, summary } = await discover({}, ['us-east-1', 'eu-west-1']);

    expect(vms).toHaveLength(4);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
    // Not retried, and not asked again in the second region.
    expect(getMetricData(calls).map(c => c.region)).toEqual(['us-east-1']);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toContain(
      'aws-prod: CloudWatch utilization not measured (AccessDenied: User: arn:aws:iam::111122223333:user/discovery is not authorized to perform: cloudwatch:GetMetricData',
    );
  });

  it('fails discovery on rejected credentials without retrying', async () => {
    serveEc2(instanceIds(1));
    const calls = serveCloudWatch({
      ListMetrics: () =>
        cloudWatchError(
          'ExpiredToken',
          'com.amazon.coral.service#ExpiredTokenException',
          'The security token included in the request is expired',
        ),
    });

    await expect(discover()).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
    expect(calls).toHaveLength(1);
  });

  it('validates CloudWatch access: a warning, not a failure, when it is denied', async () => {
    server.use(
      http.post(
        STS_HOST,
        () =>
          new HttpResponse(
            `<?xml version="1.0" encoding="UTF-8"?>\n<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/discovery</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
            { headers: { 'Content-Type': 'text/xml' } },
          ),
      ),
    );
    serveEc2([]);
    serveCloudWatch({ GetMetricData: () => accessDenied('GetMetricData') });

    const checks = await registry().get('aws-prod')!.validate();

    expect(checks.map(c => `${c.id}:${c.status}`)).toEqual([
      'aws-credentials:pass',
      'aws-ec2-us-east-1:pass',
      'aws-cloudwatch-us-east-1:warn',
    ]);
    expect(checks[2].remediation).toContain('cloudwatch:GetMetricData');

    serveCloudWatch({});
    const allowed = await registry().get('aws-prod')!.validate();
    expect(allowed[2]).toMatchObject({
      id: 'aws-cloudwatch-us-east-1',
      status: 'pass',
    });
  });

  it('asks CloudWatch nothing when utilization is switched off', async () => {
    serveEc2(instanceIds(2));
    const calls = serveCloudWatch({});

    const { vms } = await discover({ utilization: { enabled: false } });

    expect(calls).toEqual([]);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
  });
});
