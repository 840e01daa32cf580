import { mockServices } from '@backstage/backend-test-utils';
import { PriceCatalogs } from '@sirsi-nexus/plugin-migration-assessment-node';
import type { StoredPriceCatalog } from '../database/PriceCatalogStore';
import { StoredPriceCatalogs } from './StoredPriceCatalogs';

const stored: StoredPriceCatalog = {
  id: '1',
  provider: 'gcp',
  currency: 'USD',
  source: 'Google Cloud Billing Catalog API',
  fetchedAt: '2026-12-06T03:00:00.000Z',
  storedAt: '2026-12-06T03:05:00.000Z',
  regions: ['europe-west1'],
  rows: [
    {
      name: 'n2-standard-4',
      region: 'europe-west1',
      hourlyPrice: 0.21,
      vcpus: 4,
      memoryGiB: 16,
    },
  ],
};

describe('StoredPriceCatalogs', () => {
  const shipped = PriceCatalogs.load();

  it('keeps the catalogs it had when the database cannot be read', async () => {
    const latestCatalogs = jest
      .fn()
      .mockResolvedValueOnce([stored])
      .mockRejectedValueOnce(new Error('connection terminated'));
    const logger = mockServices.logger.mock();
    const catalogs = new StoredPriceCatalogs(
      { latestCatalogs, saveCatalog: jest.fn() },
      logger,
    );
    expect(catalogs.apply(shipped)).toBe(shipped);

    await catalogs.reload();
    const layered = catalogs.apply(shipped);
    expect(layered.forRegion('gcp', 'europe-west1').origin).toBe('fetched');
    // the same layered catalogs until the next reload
    expect(catalogs.apply(shipped)).toBe(layered);

    await catalogs.reload();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'Could not load the stored price catalogs, keeping the ones loaded before: Error: connection terminated',
      ),
    );
    expect(catalogs.current()).toEqual([stored]);
    expect(
      catalogs.apply(shipped).forRegion('gcp', 'europe-west1').source,
    ).toBe(stored.source);
  });
});
