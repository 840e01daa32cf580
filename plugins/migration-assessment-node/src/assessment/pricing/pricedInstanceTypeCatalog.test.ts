import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import { PriceCatalogs } from './PriceCatalogs';
import { createPricedInstanceTypeCatalog } from './pricedInstanceTypeCatalog';

const fetched: FetchedInstancePrices = {
  provider: 'aws',
  currency: 'USD',
  source: 'AWS Price List Query API (GetProducts, AmazonEC2)',
  fetchedAt: '2026-12-01T03:00:00.000Z',
  regions: ['eu-west-1', 'ap-southeast-2'],
  rows: [
    {
      name: 'm7i.large',
      region: 'eu-west-1',
      hourlyPrice: 0.1,
      vcpus: 2,
      memoryGiB: 8,
    },
    {
      name: 'm7i.large',
      region: 'ap-southeast-2',
      hourlyPrice: 0.12,
      vcpus: 2,
      memoryGiB: 8,
    },
    { name: 'm5.large', region: 'ap-southeast-2', hourlyPrice: 0.12 },
  ],
};

describe('createPricedInstanceTypeCatalog', () => {
  const shipped = PriceCatalogs.load();

  it('accepts a type only the fetched catalog knows, in the regions it prices', () => {
    const onlyShipped = createPricedInstanceTypeCatalog(() => shipped);
    expect(onlyShipped.lookup('aws', 'm7i.large').exists).toBe(false);

    let current = shipped.withFetched([fetched]);
    const types = createPricedInstanceTypeCatalog(() => current);
    expect(types.lookup('aws', 'm7i.large')).toEqual({
      exists: true,
      regions: ['eu-west-1', 'ap-southeast-2'],
    });
    expect(types.describe('aws')).toContain(
      'or the prices fetched from AWS Price List Query API (GetProducts, AmazonEC2) at 2026-12-01T03:00:00.000Z',
    );
    // A type both know: the shipped regions plus the fetched ones.
    const m5 = types.lookup('aws', 'm5.large');
    expect(m5.exists).toBe(true);
    expect(m5.regions).toEqual(
      expect.arrayContaining([
        ...onlyShipped.lookup('aws', 'm5.large').regions,
        'ap-southeast-2',
      ]),
    );
    expect(types.lookup('aws', 'zz1.nothing').exists).toBe(false);

    // The stored catalogs change while the backend runs: read on every lookup.
    current = shipped;
    expect(types.lookup('aws', 'm7i.large').exists).toBe(false);
  });
});
