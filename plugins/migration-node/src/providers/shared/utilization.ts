import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

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
 * Runs `fn` over `items` with at most `limit` calls in flight, results in the input order.
 *
 * @public
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
