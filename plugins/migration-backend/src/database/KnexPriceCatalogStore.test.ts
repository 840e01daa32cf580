import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { KnexPriceCatalogStore } from './KnexPriceCatalogStore';
import { migrationsDir } from './migrateDatabase';

jest.setTimeout(60_000);

const catalog = (
  provider: string,
  fetchedAt: string,
  hourlyPrice = 0.1,
): FetchedInstancePrices => ({
  provider,
  currency: 'USD',
  source: `${provider} price list`,
  fetchedAt,
  regions: ['r1', 'r2'],
  rows: [
    { name: 'x.large', region: 'r1', hourlyPrice, vcpus: 2, memoryGiB: 8 },
  ],
});

describe('KnexPriceCatalogStore', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'stores catalogs and returns the newest of each provider, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const store = new KnexPriceCatalogStore(knex);
      expect(await store.latestCatalogs()).toEqual([]);

      await store.saveCatalog(catalog('aws', '2026-12-01T03:00:00.000Z', 0.1));
      const saved = await store.saveCatalog(
        catalog('aws', '2026-12-02T03:00:00.000Z', 0.2),
      );
      expect(saved).toMatchObject({
        provider: 'aws',
        fetchedAt: '2026-12-02T03:00:00.000Z',
        regions: ['r1', 'r2'],
      });
      expect(Date.parse(saved.storedAt)).not.toBeNaN();
      // An older fetch stored later does not replace the newer one.
      await store.saveCatalog(catalog('aws', '2026-11-30T03:00:00.000Z', 0.3));
      await store.saveCatalog(catalog('gcp', '2026-12-01T04:00:00.000Z'));

      const latest = await store.latestCatalogs();
      expect(latest.map(c => [c.provider, c.fetchedAt])).toEqual([
        ['aws', '2026-12-02T03:00:00.000Z'],
        ['gcp', '2026-12-01T04:00:00.000Z'],
      ]);
      expect(latest[0].rows).toEqual([
        {
          name: 'x.large',
          region: 'r1',
          hourlyPrice: 0.2,
          vcpus: 2,
          memoryGiB: 8,
        },
      ]);
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps only the newest catalogs of a provider, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const store = new KnexPriceCatalogStore(knex);
      for (const day of ['01', '02', '03', '04']) {
        await store.saveCatalog(catalog('azure', `2026-12-${day}T00:00:00Z`), {
          keep: 2,
        });
      }
      await store.saveCatalog(catalog('aws', '2026-11-01T00:00:00Z'), {
        keep: 2,
      });
      const rows = await knex('price_catalogs')
        .orderBy('fetched_at')
        .select('provider', 'fetched_at');
      expect(
        rows.map(r => [
          r.provider,
          new Date(Number(r.fetched_at)).getUTCDate(),
        ]),
      ).toEqual([
        ['aws', 1],
        ['azure', 3],
        ['azure', 4],
      ]);
      await expect(
        store.saveCatalog(catalog('aws', 'yesterday')),
      ).rejects.toThrow(
        'fetchedAt of the aws catalog is not a date: yesterday',
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'creates and drops the table with its migration, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      expect(await knex.schema.hasTable('price_catalogs')).toBe(true);
      await knex.migrate.down({
        directory: migrationsDir,
        name: '20261206030000_price_catalogs.js',
      });
      expect(await knex.schema.hasTable('price_catalogs')).toBe(false);
      await knex.destroy();
    },
  );
});
