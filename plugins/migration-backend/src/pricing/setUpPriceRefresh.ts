import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type DatabaseService,
  type LoggerService,
  type SchedulerService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { TARGET_PROVIDERS } from '@sirsi-nexus/plugin-migration-common';
import {
  createAssessContext,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import type {
  CloudCapabilityLookup,
  PriceSource,
} from '@sirsi-nexus/plugin-migration-node';
import { KnexPriceCatalogStore } from '../database/KnexPriceCatalogStore';
import type { PriceCatalogStore } from '../database/PriceCatalogStore';
import { refreshPrices } from './refreshPrices';
import { StoredPriceCatalogs } from './StoredPriceCatalogs';

/** How often each replica re-reads the stored catalogs (to see other replicas' refreshes). */
const RELOAD_FREQUENCY = { hours: 1 };

function readRegions(config: Config): Record<string, string[]> {
  const regions: Record<string, string[]> = {};
  const block = config.getOptionalConfig('migration.prices.regions');
  for (const provider of block?.keys() ?? []) {
    regions[provider] = block!.getStringArray(provider);
  }
  return regions;
}

/**
 * The installed clouds' price sources.
 */
export function priceSourcesOf(
  capabilities: CloudCapabilityLookup,
): PriceSource[] {
  return TARGET_PROVIDERS.map(p => capabilities.get(p).priceSource).filter(
    (s): s is PriceSource => s !== undefined,
  );
}

/**
 * Loads the stored price catalogs and, when `migration.prices.refresh` is configured, schedules
 * the refresh from the installed clouds' price sources (on one replica at a time) and an hourly
 * reload of the stored catalogs on every replica. Without the key nothing is fetched: the
 * assessment uses the shipped catalogs (or catalogs stored before).
 */
export async function setUpPriceRefresh(options: {
  config: Config;
  scheduler: SchedulerService;
  store: PriceCatalogStore;
  capabilities: CloudCapabilityLookup;
  logger: LoggerService;
}): Promise<StoredPriceCatalogs> {
  const { config, scheduler, store, logger } = options;
  const stored = new StoredPriceCatalogs(store, logger);
  await stored.reload();
  if (!config.has('migration.prices.refresh')) return stored;
  const schedule = readSchedulerServiceTaskScheduleDefinitionFromConfig(
    config.getConfig('migration.prices.refresh'),
  );
  const regions = readRegions(config);
  const keep = config.getOptionalNumber('migration.prices.keep');
  const sources = priceSourcesOf(options.capabilities);
  if (sources.length === 0) {
    logger.warn(
      'migration.prices.refresh is set but no installed cloud module offers a price source',
    );
    return stored;
  }
  await scheduler.scheduleTask({
    id: 'migration-price-refresh',
    ...schedule,
    fn: async signal => {
      await refreshPrices({ sources, store, logger, regions, keep, signal });
      await stored.reload();
    },
  });
  await scheduler.scheduleTask({
    id: 'migration-price-catalogs-reload',
    scope: 'local',
    frequency: RELOAD_FREQUENCY,
    timeout: { minutes: 5 },
    initialDelay: RELOAD_FREQUENCY,
    fn: () => stored.reload(),
  });
  return stored;
}

/**
 * The one assessment context of the plugin's executors and `POST /analyze` (settings and tables
 * from config, built on first use) with the newest stored price catalogs, after setting up the
 * price refresh on the plugin's database.
 */
export async function pricedAssessContext(
  deps: {
    config: Config;
    logger: LoggerService;
    scheduler: SchedulerService;
    database: DatabaseService;
  },
  capabilities: CloudCapabilityLookup,
): Promise<() => AssessContext> {
  const prices = await setUpPriceRefresh({
    config: deps.config,
    scheduler: deps.scheduler,
    store: new KnexPriceCatalogStore(await deps.database.getClient()),
    capabilities,
    logger: deps.logger,
  });
  return prices.assessContext(() => createAssessContext(deps.config));
}
