import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import { assess } from '../assess';
import { NOW, testContext, vm } from '../__testUtils__/fixtures';
import { PriceCatalogs } from './PriceCatalogs';

const fetchedAws: FetchedInstancePrices = {
  provider: 'aws',
  currency: 'USD',
  source: 'AWS Price List Query API (GetProducts, AmazonEC2)',
  fetchedAt: '2026-12-01T03:00:00.000Z',
  regions: ['eu-west-1', 'ap-southeast-2'],
  rows: [
    // a shape the source states
    {
      name: 'm7i.large',
      region: 'eu-west-1',
      hourlyPrice: 0.1,
      commit1yHourly: 0.06,
      commit3yHourly: 0.04,
      vcpus: 2,
      memoryGiB: 8,
      family: 'm7i',
    },
    // shape from the shipped catalog
    {
      name: 'r5.large',
      region: 'eu-west-1',
      hourlyPrice: 0.11,
      commit1yHourly: 0.066,
      commit3yHourly: 0.044,
    },
    // no shape anywhere: dropped
    { name: 'zz9.large', region: 'eu-west-1', hourlyPrice: 0.001 },
    {
      name: 'm7g.large',
      region: 'ap-southeast-2',
      hourlyPrice: 0.09,
      vcpus: 2,
      memoryGiB: 8,
    },
    {
      name: 't3.large',
      region: 'ap-southeast-2',
      hourlyPrice: 0.01,
      vcpus: 2,
      memoryGiB: 8,
    },
  ],
};

describe('PriceCatalogs.withFetched', () => {
  const shipped = PriceCatalogs.load();
  const catalogs = shipped.withFetched([fetchedAws]);

  it('prices a covered region from the fetched catalog and names its source and date', () => {
    const pricing = catalogs.forRegion('aws', 'eu-west-1');
    expect(pricing.origin).toBe('fetched');
    expect(pricing.asOf).toBe('2026-12-01');
    expect(pricing.fetchedAt).toBe('2026-12-01T03:00:00.000Z');
    expect(pricing.source).toBe(fetchedAws.source);
    expect(
      pricing.instances.map(i => [i.name, i.hourlyPrice, i.family]),
    ).toEqual([
      ['m7i.large', 0.1, 'm7i'],
      ['r5.large', 0.11, 'r5'],
    ]);
    expect(pricing.instances[1]).toMatchObject({ vcpus: 2, memoryGiB: 16 });
    // (0.4 + 0.4) / 2 and (0.6 + 0.6) / 2 from the source's own reservation prices
    expect(pricing.commitmentDiscounts).toMatchObject({
      oneYear: 0.4,
      threeYear: 0.6,
    });
    // Storage is not in the instance price list: the shipped catalog's region prices it.
    expect(pricing.storageClasses).toEqual(
      shipped.forRegion('aws', 'eu-west-1').storageClasses,
    );
  });

  it('adds regions the shipped catalog lacks, with architecture and burstable class derived', () => {
    expect(catalogs.regions('aws')).toContain('ap-southeast-2');
    const pricing = catalogs.forRegion('aws', 'ap-southeast-2');
    expect(
      pricing.instances.map(i => [i.name, i.architecture, i.category]),
    ).toEqual([
      ['t3.large', 'x86_64', 'burstable'],
      ['m7g.large', 'arm64', 'general'],
    ]);
    expect(pricing.source).toMatch(
      /storage prices of us-east-1 \(shipped catalog of 2025-01-15\)/,
    );
    // without reservation prices the shipped discounts stand
    expect(pricing.commitmentDiscounts).toEqual(
      shipped.document('aws')!.commitmentDiscounts,
    );
  });

  it('keeps the shipped catalog for regions and providers the fetch did not cover', () => {
    const pricing = catalogs.forRegion('aws', 'us-east-1');
    expect(pricing.origin).toBe('shipped');
    expect(pricing.asOf).toBe('2025-01-15');
    expect(catalogs.forRegion('azure', 'westeurope').origin).toBe('shipped');
  });

  it('records in the assessment which catalog and date it used', () => {
    const context = { ...testContext(), catalogs };
    const onFetched = assess(
      {
        resources: [vm('web-01')],
        target: { provider: 'aws', region: 'eu-west-1' },
        stage: 'preview',
        now: NOW,
      },
      context,
    );
    expect(onFetched.inputs.priceCatalog).toMatchObject({
      region: 'eu-west-1',
      origin: 'fetched',
      asOf: '2026-12-01',
      fetchedAt: '2026-12-01T03:00:00.000Z',
      source: fetchedAws.source,
      instanceTypes: 2,
    });
    expect(onFetched.resources[0].sizing?.instanceType).toBe('m7i.large');
    const onShipped = assess(
      {
        resources: [vm('web-01')],
        target: { provider: 'aws', region: 'us-east-1' },
        stage: 'preview',
        now: NOW,
      },
      context,
    );
    expect(onShipped.inputs.priceCatalog).toMatchObject({
      origin: 'shipped',
      asOf: '2025-01-15',
    });
  });
});
