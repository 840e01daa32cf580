import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';

/**
 * A stored instance price list with when it was stored.
 *
 * @public
 */
export interface StoredPriceCatalog extends FetchedInstancePrices {
  id: string;
  /** When the refresh stored it (ISO 8601). */
  storedAt: string;
}

/**
 * Where the scheduled price refresh keeps the catalogs it read from the clouds' price sources.
 *
 * @public
 */
export interface PriceCatalogStore {
  /**
   * Stores a fetched catalog and prunes the provider's older catalogs beyond `keep` (the newest
   * `keep` stay).
   */
  saveCatalog(
    catalog: FetchedInstancePrices,
    options?: { keep?: number },
  ): Promise<StoredPriceCatalog>;
  /** The newest catalog of each provider (by fetch time). */
  latestCatalogs(): Promise<StoredPriceCatalog[]>;
}
