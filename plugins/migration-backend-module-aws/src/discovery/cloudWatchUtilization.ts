import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type Dimension,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type {
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  UtilizationRun,
  type DiscoveryReporter,
  type utilizationWindow,
} from '@sirsi-nexus/plugin-migration-node';
import { describeAwsError, isAwsCredentialsError } from './awsErrors';

/** How the assessment names figures from here. */
export const CLOUDWATCH = 'CloudWatch';

/**
 * `GetMetricData` takes at most 500 queries per call: 250 instances with a CPU and a memory
 * query each.
 */
export const INSTANCES_PER_CALL = 250;

const CWAGENT = 'CWAgent';
/** What the CloudWatch agent publishes: Linux `mem_used_percent`, Windows committed bytes. */
const MEMORY_METRICS = ['mem_used_percent', 'Memory % Committed Bytes In Use'];

type Window = ReturnType<typeof utilizationWindow>;

/**
 * Measures EC2 instances of one region through CloudWatch: CPU from `AWS/EC2 CPUUtilization`,
 * memory from the CloudWatch agent (`CWAgent`) where it publishes, else not measured.
 *
 * The P95 is CloudWatch's own `p95` statistic over one period spanning the whole window, so one
 * datapoint per query comes back whatever the window; CloudWatch computes it from the stored
 * datapoints (1-minute for 15 days, 5-minute up to 63 days).
 */
export class CloudWatchUtilization {
  /** Per instance: the dimensions of its agent's memory metric (listed with the first batch). */
  private memory?: Map<string, { metric: string; dims: Dimension[] }>;

  constructor(
    private readonly client: CloudWatchClient,
    private readonly window: Window,
    private readonly run: UtilizationRun,
    private readonly send: { abortSignal?: AbortSignal },
  ) {}

  /** Lists the agent's memory metrics of the region (paged), to query them by their exact dimensions. */
  private async loadMemoryMetrics(): Promise<void> {
    const memory = new Map<string, { metric: string; dims: Dimension[] }>();
    this.memory = memory;
    await this.run.guard(async () => {
      for (const metric of MEMORY_METRICS) {
        let token: string | undefined;
        do {
          const page = await this.client.send(
            new ListMetricsCommand({
              Namespace: CWAGENT,
              MetricName: metric,
              NextToken: token,
            }),
            this.send,
          );
          for (const m of page.Metrics ?? []) {
            const id = m.Dimensions?.find(d => d.Name === 'InstanceId')?.Value;
            if (id && !memory.has(id)) {
              memory.set(id, { metric, dims: m.Dimensions ?? [] });
            }
          }
          token = page.NextToken;
        } while (token);
      }
    });
  }

  /** Sets `utilization` on the instances CloudWatch has figures for (at most 250 instances). */
  async measure(vms: DiscoveredResource[]): Promise<void> {
    if (!this.memory && this.run.active) await this.loadMemoryMetrics();
    if (!this.run.active || vms.length === 0) return;
    const queries = vms.flatMap((vm, i) => this.queriesOf(vm, i));
    const values = await this.run.guard(() => this.fetch(queries));
    if (!values) return;
    vms.forEach((vm, i) => {
      const cpu = values.get(`c${i}`);
      if (cpu === undefined) return;
      const mem = values.get(`m${i}`);
      vm.utilization = {
        cpuP95: cpu,
        ...(mem !== undefined ? { memP95: mem } : {}),
        window: this.window.duration,
        source: CLOUDWATCH,
      };
    });
  }

  private queriesOf(vm: DiscoveredResource, i: number): MetricDataQuery[] {
    const stat = (
      id: string,
      namespace: string,
      name: string,
      dims: Dimension[],
    ): MetricDataQuery => ({
      Id: id,
      MetricStat: {
        Metric: { Namespace: namespace, MetricName: name, Dimensions: dims },
        Period: this.window.seconds,
        Stat: 'p95',
      },
      ReturnData: true,
    });
    const queries = [
      stat(`c${i}`, 'AWS/EC2', 'CPUUtilization', [
        { Name: 'InstanceId', Value: vm.externalId },
      ]),
    ];
    const memory = this.memory?.get(vm.externalId);
    if (memory) {
      queries.push(stat(`m${i}`, CWAGENT, memory.metric, memory.dims));
    }
    return queries;
  }

  /** One `GetMetricData` call (paged by NextToken); the highest value per query id. */
  private async fetch(queries: MetricDataQuery[]) {
    const values = new Map<string, number>();
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: this.window.start,
          EndTime: this.window.end,
          NextToken: token,
        }),
        this.send,
      );
      for (const result of page.MetricDataResults ?? []) {
        // A window that straddles a period boundary can give two datapoints; the higher one
        // is the safer figure to size on.
        for (const v of result.Values ?? []) {
          if (!result.Id || !Number.isFinite(v)) continue;
          values.set(
            result.Id,
            Math.max(values.get(result.Id) ?? -Infinity, round(v)),
          );
        }
      }
      token = page.NextToken;
    } while (token);
    return values;
  }
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

/** One discovery run's access to CloudWatch: rejected credentials fail discovery. */
export function cloudWatchRun(
  environmentId: string,
  reporter?: DiscoveryReporter,
): UtilizationRun {
  return new UtilizationRun({
    source: CLOUDWATCH,
    environmentId,
    reporter,
    isFatal: isAwsCredentialsError,
    describe: error => {
      const e = error as Error & { Code?: string };
      return `${e.Code ?? e.name}: ${e.message}`;
    },
    remediation:
      'Grant cloudwatch:GetMetricData and cloudwatch:ListMetrics (e.g. CloudWatchReadOnlyAccess)',
  });
}

/**
 * Whether CloudWatch answers `GetMetricData` in `region` (one query over the last hour): a
 * warning, not a failure, when it does not, since discovery then only sizes as allocated.
 */
export async function checkCloudWatch(
  client: CloudWatchClient,
  environmentId: string,
  region: string,
  signal?: AbortSignal,
): Promise<EnvironmentCheck> {
  const id = `aws-cloudwatch-${region}`;
  const title = `CloudWatch metrics in ${region}`;
  const end = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  try {
    await client.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          {
            Id: 'cpu',
            MetricStat: {
              Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' },
              Period: 3600,
              Stat: 'Average',
            },
          },
        ],
        StartTime: new Date(end.getTime() - 3_600_000),
        EndTime: end,
      }),
      { abortSignal: signal },
    );
    return {
      id,
      title,
      status: 'pass',
      message: `cloudwatch:GetMetricData answers in ${region}; utilization is measured`,
    };
  } catch (error) {
    if (isAwsCredentialsError(error)) {
      return {
        id,
        title,
        status: 'fail',
        ...describeAwsError(error, environmentId, region),
      };
    }
    const e = error as Error & { Code?: string };
    return {
      id,
      title,
      status: 'warn',
      message: `CloudWatch does not answer for environment ${environmentId} in ${region} (${
        e.Code ?? e.name
      }: ${e.message}); VMs will be sized as allocated`,
      remediation:
        'Grant cloudwatch:GetMetricData and cloudwatch:ListMetrics (e.g. CloudWatchReadOnlyAccess), or set utilization.enabled: false.',
    };
  }
}
