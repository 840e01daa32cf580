import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type { PriceSource } from '@sirsi-nexus/plugin-migration-node';
import type { PriceCatalogStore } from '../database/PriceCatalogStore';

/**
 * What one run of the price refresh did, per provider.
 */
export interface PriceRefreshOutcome {
  provider: string;
  status: 'stored' | 'failed' | 'empty';
  rows?: number;
  regions?: number;
  /** What the source could not read and left out (e.g. a failed savings plan price list). */
  warnings?: string[];
  error?: string;
}

/**
 * Reads every installed cloud's price source and stores each result as that provider's newest
 * catalog. Providers are refreshed one after another and independently: a source that fails (or
 * returns no price) is logged and leaves that provider's stored catalog as it was.
 */
export async function refreshPrices(options: {
  sources: PriceSource[];
  store: PriceCatalogStore;
  logger: LoggerService;
  /** Regions per provider; all regions the source publishes when a provider has none. */
  regions?: Partial<Record<string, string[]>>;
  keep?: number;
  signal?: AbortSignal;
}): Promise<PriceRefreshOutcome[]> {
  const outcomes: PriceRefreshOutcome[] = [];
  for (const source of options.sources) {
    const { provider } = source;
    if (options.signal?.aborted) break;
    try {
      const catalog = await source.fetchInstancePrices({
        regions: options.regions?.[provider],
        signal: options.signal,
      });
      if (catalog.rows.length === 0) {
        options.logger.warn(
          `Price refresh: ${provider} returned no instance price; the stored catalog stays`,
        );
        outcomes.push({ provider, status: 'empty' });
        continue;
      }
      await options.store.saveCatalog(catalog, { keep: options.keep });
      for (const warning of catalog.warnings ?? []) {
        options.logger.warn(`Price refresh: ${provider}: ${warning}`);
      }
      options.logger.info(
        `Price refresh: stored ${catalog.rows.length} ${provider} prices in ${catalog.regions.length} region(s) from ${catalog.source}`,
      );
      outcomes.push({
        provider,
        status: 'stored',
        rows: catalog.rows.length,
        regions: catalog.regions.length,
        ...(catalog.warnings?.length ? { warnings: catalog.warnings } : {}),
      });
    } catch (error) {
      const message = stringifyError(error);
      options.logger.error(
        `Price refresh: ${provider} failed, the stored catalog stays: ${message}`,
      );
      outcomes.push({ provider, status: 'failed', error: message });
    }
  }
  return outcomes;
}
