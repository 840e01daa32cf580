import type { InstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-common';
import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import { createShippedInstanceTypeCatalog } from './instanceTypeCatalog';
import type { PriceCatalogs } from './PriceCatalogs';

const regionsByType = new WeakMap<
  FetchedInstancePrices,
  Map<string, string[]>
>();

/** The fetched catalog's regions per type name, indexed once per catalog. */
function indexOf(fetched: FetchedInstancePrices): Map<string, string[]> {
  let index = regionsByType.get(fetched);
  if (!index) {
    index = new Map();
    for (const row of fetched.rows) {
      const regions = index.get(row.name) ?? [];
      if (!regions.includes(row.region)) regions.push(row.region);
      index.set(row.name, regions);
    }
    regionsByType.set(fetched, index);
  }
  return index;
}

/**
 * The instance types the sizing may choose from: the shipped catalog plus the newest price
 * catalog fetched from the cloud (see `PriceCatalogs.withFetched`), so the IaC policy check
 * accepts every type the assessment can pick. `catalogs` is read on every lookup, as the stored
 * catalogs change while the backend runs.
 *
 * @public
 */
export function createPricedInstanceTypeCatalog(
  catalogs: () => PriceCatalogs,
  shipped: InstanceTypeCatalog = createShippedInstanceTypeCatalog(),
): InstanceTypeCatalog {
  return {
    lookup(provider, type) {
      const found = shipped.lookup(provider, type);
      const fetched = catalogs().fetchedCatalog(provider);
      const regions = fetched ? indexOf(fetched).get(type) : undefined;
      if (!regions) return found;
      return {
        exists: true,
        regions: [...new Set([...found.regions, ...regions])],
      };
    },
    describe(provider) {
      const fetched = catalogs().fetchedCatalog(provider);
      const base = shipped.describe(provider);
      return fetched
        ? `${base} or the prices fetched from ${fetched.source} at ${fetched.fetchedAt}`
        : base;
    },
  };
}
