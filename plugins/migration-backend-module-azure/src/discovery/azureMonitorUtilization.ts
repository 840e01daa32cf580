import type { MonitorClient } from '@azure/arm-monitor';
import {
  mapWithConcurrency,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import {
  percentile,
  UtilizationRun,
  type DiscoveryReporter,
  type utilizationWindow,
} from '@sirsi-nexus/plugin-migration-node';

/** How the assessment names figures from here. */
export const AZURE_MONITOR = 'Azure Monitor';

/** VMs held back per batch: enough to keep the concurrent calls busy, few enough to stream. */
export const VMS_PER_BATCH = 50;

/** Metric calls in flight at once; each is one ARM read against the subscription's limits. */
const CONCURRENCY = 8;

const CPU = 'Percentage CPU';
const AVAILABLE_MEMORY = 'Available Memory Bytes';

type Window = ReturnType<typeof utilizationWindow>;

/**
 * Measures Azure VMs through the Azure Monitor metrics API: one call per VM for its host metrics
 * `Percentage CPU` and `Available Memory Bytes` (no agent needed), with bounded concurrency.
 *
 * Azure Monitor has no percentile aggregation, so the P95 is computed here over the window's
 * hourly averages (336 for 14 days); memory used % is `1 − available ÷ the VM size's memory`
 * per hour.
 */
export class AzureMonitorUtilization {
  constructor(
    private readonly client: MonitorClient,
    private readonly window: Window,
    private readonly run: UtilizationRun,
    private readonly signal?: AbortSignal,
  ) {}

  /** Sets `utilization` on the VMs Azure Monitor has figures for. */
  async measure(vms: DiscoveredResource[]): Promise<void> {
    await mapWithConcurrency(vms, CONCURRENCY, vm => this.measureOne(vm));
  }

  private async measureOne(vm: DiscoveredResource) {
    if (!this.run.active) return;
    const { start, end } = this.window;
    const response = await this.run.guard(() =>
      this.client.metrics.list(vm.externalId.replace(/^\//, ''), {
        timespan: `${start.toISOString()}/${end.toISOString()}`,
        interval: 'PT1H',
        metricnames: `${CPU},${AVAILABLE_MEMORY}`,
        aggregation: 'average',
        abortSignal: this.signal,
      }),
    );
    if (!response) return;
    const hourly = (name: string) =>
      (
        response.value.find(
          m => m.name.value.toLowerCase() === name.toLowerCase(),
        )?.timeseries ?? []
      )
        .flatMap(series => series.data ?? [])
        .map(point => point.average)
        .filter((v): v is number => typeof v === 'number');
    const cpu = hourly(CPU);
    const cpuP95 = percentile(cpu, 95);
    if (cpuP95 === undefined) return;
    const totalBytes = (vm.specs.memoryMiB ?? 0) * 1024 * 1024;
    const memP95 =
      totalBytes > 0
        ? percentile(
            hourly(AVAILABLE_MEMORY).map(available =>
              Math.min(100, Math.max(0, 100 * (1 - available / totalBytes))),
            ),
            95,
          )
        : undefined;
    vm.utilization = {
      cpuP95: round(cpuP95),
      ...(memP95 !== undefined ? { memP95: round(memP95) } : {}),
      samples: cpu.length,
      window: this.window.duration,
      source: AZURE_MONITOR,
    };
  }
}

/** Rejected or unavailable credentials (Entra ID or a 401 from ARM): carrying on cannot help. */
function isCredentialsError(error: unknown): boolean {
  const e = error as { name?: string; statusCode?: number };
  return (
    e?.statusCode === 401 ||
    [
      'AuthenticationError',
      'AuthenticationRequiredError',
      'CredentialUnavailableError',
    ].includes(e?.name ?? '')
  );
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}

/** One discovery run's access to Azure Monitor: rejected credentials fail discovery. */
export function azureMonitorRun(
  environmentId: string,
  reporter?: DiscoveryReporter,
): UtilizationRun {
  return new UtilizationRun({
    source: AZURE_MONITOR,
    environmentId,
    reporter,
    isFatal: isCredentialsError,
    describe: error => {
      const e = error as Error & { code?: string; statusCode?: number };
      return `${e.code ?? e.statusCode ?? e.name}: ${
        e.message.split(/\r?\n/)[0]
      }`;
    },
    remediation:
      'Assign Monitoring Reader (microsoft.insights/metrics/read) on the subscription',
  });
}
