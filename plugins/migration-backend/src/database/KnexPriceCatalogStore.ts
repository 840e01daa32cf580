import type { Knex } from 'knex';
import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import { dbNow } from './dbClock';
import type {
  PriceCatalogStore,
  StoredPriceCatalog,
} from './PriceCatalogStore';

const TABLE = 'price_catalogs';
const DEFAULT_KEEP = 3;

interface PriceCatalogRow {
  id: string | number;
  provider: string;
  source: string;
  currency: string;
  fetched_at: string | number;
  stored_at: string | number;
  row_count: number;
  regions: string;
  rows: string;
}

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

function toCatalog(row: PriceCatalogRow): StoredPriceCatalog {
  return {
    id: String(row.id),
    provider: row.provider,
    source: row.source,
    currency: row.currency,
    fetchedAt: iso(row.fetched_at),
    storedAt: iso(row.stored_at),
    regions: JSON.parse(row.regions),
    rows: JSON.parse(row.rows),
  };
}

/**
 * {@link PriceCatalogStore} on the plugin's database (SQLite or PostgreSQL); the table comes from
 * the package's knex migration `20261206030000_price_catalogs.js`.
 *
 * @public
 */
export class KnexPriceCatalogStore implements PriceCatalogStore {
  constructor(private readonly db: Knex) {}

  async saveCatalog(
    catalog: FetchedInstancePrices,
    options: { keep?: number } = {},
  ): Promise<StoredPriceCatalog> {
    const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
    const fetchedAt = Date.parse(catalog.fetchedAt);
    if (!Number.isFinite(fetchedAt)) {
      throw new TypeError(
        `fetchedAt of the ${catalog.provider} catalog is not a date: ${catalog.fetchedAt}`,
      );
    }
    return this.db.transaction(async tx => {
      const [inserted] = await tx(TABLE)
        .insert({
          provider: catalog.provider,
          source: catalog.source,
          currency: catalog.currency,
          fetched_at: fetchedAt,
          stored_at: dbNow(tx),
          row_count: catalog.rows.length,
          regions: JSON.stringify(catalog.regions),
          rows: JSON.stringify(catalog.rows),
        })
        .returning('id');
      const id = typeof inserted === 'object' ? inserted.id : inserted;
      const stale = await tx(TABLE)
        .where({ provider: catalog.provider })
        .orderBy([
          { column: 'fetched_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .offset(keep)
        .pluck('id');
      if (stale.length > 0) await tx(TABLE).whereIn('id', stale).delete();
      const row = await tx<PriceCatalogRow>(TABLE).where({ id }).first();
      return toCatalog(row!);
    });
  }

  async latestCatalogs(): Promise<StoredPriceCatalog[]> {
    // The newest id per provider at its newest fetch time; ties (same fetch time) go to the later insert.
    const newest = this.db(TABLE)
      .select('provider')
      .max('fetched_at as fetched_at')
      .groupBy('provider')
      .as('newest');
    const rows: PriceCatalogRow[] = await this.db(`${TABLE} as c`)
      .join(newest, join =>
        join
          .on('c.provider', '=', 'newest.provider')
          .andOn('c.fetched_at', '=', 'newest.fetched_at'),
      )
      .select('c.*')
      .orderBy([
        { column: 'c.provider', order: 'asc' },
        { column: 'c.id', order: 'desc' },
      ]);
    const seen = new Set<string>();
    return rows
      .filter(row => !seen.has(row.provider) && !!seen.add(row.provider))
      .map(toCatalog);
  }
}
