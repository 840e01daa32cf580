import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { DiscoveryReporter } from '../types';

/**
 * Whether and over how long cloud providers measure CPU and memory utilization during discovery
 * (`migration.environments[].utilization`).
 *
 * @public
 */
export interface UtilizationSettings {
  /** Default true: cloud VMs get CPU and memory P95 from the cloud's monitoring service. */
  enabled: boolean;
  /** The observation window in days (default 14). */
  windowDays: number;
}

/** The longest window every monitoring service keeps at a usable resolution. */
const MAX_WINDOW_DAYS = 60;

/** Reads the optional `utilization` block of an environment. */
export function readUtilizationSettings(config: Config): UtilizationSettings {
  const block = config.getOptionalConfig('utilization');
  const settings = {
    enabled: block?.getOptionalBoolean('enabled') ?? true,
    windowDays: block?.getOptionalNumber('windowDays') ?? 14,
  };
  if (
    !Number.isInteger(settings.windowDays) ||
    settings.windowDays < 1 ||
    settings.windowDays > MAX_WINDOW_DAYS
  ) {
    throw new InputError(
      `utilization.windowDays must be a whole number of days from 1 to ${MAX_WINDOW_DAYS}`,
    );
  }
  return settings;
}

/**
 * The window that ends at the last full hour before `now`, so every provider and every run asks
 * for whole, comparable periods; `duration` is its ISO-8601 form (`P14D`).
 *
 * @public
 */
export function utilizationWindow(
  settings: UtilizationSettings,
  now: number = Date.now(),
): { start: Date; end: Date; seconds: number; duration: string } {
  const hour = 3_600_000;
  const end = Math.floor(now / hour) * hour;
  const seconds = settings.windowDays * 86_400;
  return {
    start: new Date(end - seconds * 1000),
    end: new Date(end),
    seconds,
    duration: `P${settings.windowDays}D`,
  };
}

/**
 * The nearest-rank percentile (0–100) of `values`, undefined for none: the smallest value that
 * at least `p` % of the values do not exceed, so it is always a value that was measured.
 *
 * @public
 */
export function percentile(
  values: readonly number[],
  p: number,
): number | undefined {
  const finite = values.filter(v => Number.isFinite(v));
  if (finite.length === 0) return undefined;
  const sorted = [...finite].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/**
 * Options of {@link measureInBatches}.
 *
 * @public
 */
export interface MeasureInBatchesOptions {
  /** What one batch may hold, e.g. 500 for the queries of one CloudWatch `GetMetricData` call. */
  capacity: number;
  /** How much of the capacity a VM takes (default 1), e.g. 2 for a CPU and a memory query. */
  weight?: (vm: DiscoveredResource) => number;
  /** Sets `utilization` on the VMs it could measure; the others stay as they are. */
  measure: (vms: DiscoveredResource[]) => Promise<void>;
}

/**
 * Passes a provider's resource stream through, holding VMs back until a batch is full (or the
 * stream ends) and measuring the batch in one go, so a monitoring API is asked per batch rather
 * than per VM while the estate is still never held whole.
 *
 * @public
 */
export async function* measureInBatches(
  resources: AsyncIterable<DiscoveredResource>,
  options: MeasureInBatchesOptions,
): AsyncGenerator<DiscoveredResource> {
  const weight = options.weight ?? (() => 1);
  let batch: DiscoveredResource[] = [];
  let load = 0;
  for await (const resource of resources) {
    if (resource.kind !== 'vm') {
      yield resource;
      continue;
    }
    const w = weight(resource);
    if (batch.length > 0 && load + w > options.capacity) {
      await options.measure(batch);
      yield* batch;
      batch = [];
      load = 0;
    }
    batch.push(resource);
    load += w;
  }
  if (batch.length > 0) {
    await options.measure(batch);
    yield* batch;
  }
}

/**
 * Options of {@link UtilizationRun}.
 *
 * @public
 */
export interface UtilizationRunOptions {
  /** The monitoring service, e.g. `CloudWatch`. */
  source: string;
  environmentId: string;
  reporter?: DiscoveryReporter;
  /** Errors that must fail discovery instead, e.g. rejected credentials. */
  isFatal: (error: unknown) => boolean;
  /** How the service's error reads in the warning, e.g. `AccessDenied: …`. */
  describe: (error: unknown) => string;
  /** What to grant, e.g. `Grant cloudwatch:GetMetricData and cloudwatch:ListMetrics`. */
  remediation: string;
}

/**
 * One discovery run's access to a monitoring service. The first failure that is not fatal (a
 * missing metrics permission, or the service still failing after the retries) stops measuring
 * for the rest of the run with one warning, and the VMs keep their allocated size; fatal errors
 * (rejected credentials) and aborts fail discovery.
 *
 * @public
 */
export class UtilizationRun {
  private stopped = false;

  constructor(private readonly options: UtilizationRunOptions) {}

  /** False once a failure stopped measuring. */
  get active(): boolean {
    return !this.stopped;
  }

  /** Runs one monitoring call; undefined when it failed and measuring stopped. */
  async guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      const { options } = this;
      if ((error as Error)?.name === 'AbortError' || options.isFatal(error)) {
        throw error;
      }
      if (!this.stopped) {
        this.stopped = true;
        options.reporter?.warn(
          `${options.environmentId}: ${
            options.source
          } utilization not measured (${options.describe(
            error,
          )}); VMs are sized as allocated. ${
            options.remediation
          }, or set utilization.enabled: false.`,
        );
      }
      return undefined;
    }
  }
}
