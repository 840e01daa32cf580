import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  UtilizationRun,
  type DiscoveryReporter,
  type RetrySettings,
  type utilizationWindow,
} from '@sirsi-nexus/plugin-migration-node';
import { callGoogle } from '../google/googleRetry';
import type { GoogleRequester } from '../replication/vmMigrationApi';

/** How the assessment names figures from here. */
export const CLOUD_MONITORING = 'Cloud Monitoring';

/** Instances per `timeSeries.list` filter (`resource.labels.instance_id = one_of(…)`). */
export const INSTANCES_PER_BATCH = 100;

const ENDPOINT = 'https://monitoring.googleapis.com';
/** A fraction (0–1) of the instance's vCPUs, from the hypervisor: every instance has it. */
const CPU = 'compute.googleapis.com/instance/cpu/utilization';
/** Percent of memory per state, from the Ops Agent: only where it runs. */
const MEMORY = 'agent.googleapis.com/memory/percent_used';

type Window = ReturnType<typeof utilizationWindow>;

interface TimeSeries {
  resource?: { labels?: Record<string, string> };
  points?: Array<{ value?: { doubleValue?: number; int64Value?: string } }>;
}

/**
 * Measures Compute Engine instances through Cloud Monitoring: one `projects.timeSeries.list`
 * per metric type for a batch of instances (paged by `nextPageToken`), CPU from the hypervisor
 * and memory from the Ops Agent where it runs (else not measured).
 *
 * The P95 is Cloud Monitoring's own: `ALIGN_PERCENTILE_95` with one alignment period spanning
 * the window, so each instance's series comes back as one point whatever the window.
 */
export class CloudMonitoringUtilization {
  constructor(
    private readonly options: {
      auth: GoogleRequester;
      projectId: string;
      window: Window;
      run: UtilizationRun;
      retry: RetrySettings;
      signal?: AbortSignal;
    },
  ) {}

  /** Sets `utilization` on the instances Cloud Monitoring has figures for. */
  async measure(vms: DiscoveredResource[]): Promise<void> {
    const { run, window } = this.options;
    const idOf = (vm: DiscoveredResource) =>
      typeof vm.raw?.id === 'string' ? vm.raw.id : undefined;
    const ids = vms.map(idOf).filter((id): id is string => !!id);
    if (!run.active || ids.length === 0) return;
    const cpu = await run.guard(() => this.p95ByInstance(CPU, ids));
    if (!cpu) return;
    const memory = await run.guard(() =>
      this.p95ByInstance(MEMORY, ids, 'metric.labels.state = "used"'),
    );
    for (const vm of vms) {
      const id = idOf(vm);
      const cpuP95 = id ? cpu.get(id) : undefined;
      if (cpuP95 === undefined) continue;
      const memP95 = id ? memory?.get(id) : undefined;
      vm.utilization = {
        cpuP95: round(cpuP95 * 100),
        ...(memP95 !== undefined ? { memP95: round(memP95) } : {}),
        window: window.duration,
        source: CLOUD_MONITORING,
      };
    }
  }

  /** The P95 of one metric per instance id, over all pages. */
  private async p95ByInstance(metric: string, ids: string[], extra?: string) {
    const filter = [
      `metric.type = "${metric}"`,
      'resource.type = "gce_instance"',
      `resource.labels.instance_id = one_of(${ids
        .map(id => `"${id}"`)
        .join(', ')})`,
      ...(extra ? [extra] : []),
    ].join(' AND ');
    const values = new Map<string, number>();
    let pageToken: string | undefined;
    do {
      const page = await this.page(metric, filter, ids.length, pageToken);
      for (const series of page.timeSeries ?? []) {
        const id = series.resource?.labels?.instance_id;
        if (!id) continue;
        // A window that straddles an alignment boundary can give two points; the higher one
        // is the safer figure to size on.
        for (const point of series.points ?? []) {
          const v = Number(
            point.value?.doubleValue ?? point.value?.int64Value ?? NaN,
          );
          if (Number.isFinite(v)) {
            values.set(id, Math.max(values.get(id) ?? -Infinity, v));
          }
        }
      }
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return values;
  }

  /** One page of `projects.timeSeries.list`, rate limits retried by googleRetry. */
  private async page(
    metric: string,
    filter: string,
    instances: number,
    pageToken: string | undefined,
  ) {
    const { auth, projectId, window, retry, signal } = this.options;
    const { data } = await callGoogle(
      `Cloud Monitoring: list ${metric} of ${instances} instances in project ${projectId}`,
      () =>
        auth.request<{ timeSeries?: TimeSeries[]; nextPageToken?: string }>({
          url: `${ENDPOINT}/v3/projects/${projectId}/timeSeries`,
          params: {
            filter,
            'interval.startTime': window.start.toISOString(),
            'interval.endTime': window.end.toISOString(),
            'aggregation.alignmentPeriod': `${window.seconds}s`,
            'aggregation.perSeriesAligner': 'ALIGN_PERCENTILE_95',
            ...(pageToken ? { pageToken } : {}),
          },
          signal,
        }),
      { retry, signal },
    );
    return data;
  }
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

/** One discovery run's access to Cloud Monitoring: rejected credentials fail discovery. */
export function cloudMonitoringRun(
  environmentId: string,
  reporter?: DiscoveryReporter,
): UtilizationRun {
  return new UtilizationRun({
    source: CLOUD_MONITORING,
    environmentId,
    reporter,
    isFatal: error => (error as Error)?.name === 'AuthenticationError',
    describe: error => (error as Error)?.message ?? String(error),
    remediation:
      'Grant roles/monitoring.viewer (monitoring.timeSeries.list) on the project',
  });
}
