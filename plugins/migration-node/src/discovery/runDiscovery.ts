import type {
  DiscoveredResource,
  DiscoverySummary,
} from '@sirsi-nexus/plugin-migration-common';
import type { CloudProvider, DiscoveryReporter } from '../providers/types';

/**
 * Options of {@link runDiscovery}.
 *
 * @public
 */
export interface RunDiscoveryOptions {
  signal?: AbortSignal;
  /** Called with each resource as it arrives; awaited, so it can apply back-pressure. */
  onResource?(resource: DiscoveredResource): void | Promise<void>;
  /** Warnings kept in the summary (default 100); the rest are counted in `stats.warningsDropped`. */
  maxWarnings?: number;
}

/**
 * Runs one discovery of an environment and summarises it: resources by kind, warnings,
 * counters and duration. Errors of the provider (credentials, unreadable files) are thrown as
 * they come, with the provider's message.
 *
 * @public
 */
export async function runDiscovery(
  provider: CloudProvider,
  options: RunDiscoveryOptions = {},
): Promise<DiscoverySummary> {
  const started = Date.now();
  const maxWarnings = options.maxWarnings ?? 100;
  const warnings: string[] = [];
  const stats: Record<string, number> = {};
  const reporter: DiscoveryReporter = {
    warn(message) {
      if (warnings.length < maxWarnings) warnings.push(message);
      else stats.warningsDropped = (stats.warningsDropped ?? 0) + 1;
    },
    count(counter, by = 1) {
      stats[counter] = (stats[counter] ?? 0) + by;
    },
  };
  const countsByKind: Record<string, number> = {};
  let total = 0;
  for await (const resource of provider.discover({
    signal: options.signal,
    reporter,
  })) {
    countsByKind[resource.kind] = (countsByKind[resource.kind] ?? 0) + 1;
    total++;
    if (options.onResource) await options.onResource(resource);
  }
  return {
    environmentId: provider.environmentId,
    countsByKind,
    total,
    warnings,
    durationMs: Date.now() - started,
    stats,
  };
}
