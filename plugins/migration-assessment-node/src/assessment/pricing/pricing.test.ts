import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  readAssessmentSettings,
  DEFAULT_ASSESSMENT_SETTINGS,
} from '../settings';
import { PriceCatalogs } from './PriceCatalogs';

describe('PriceCatalogs', () => {
  const mockDir = createMockDirectory();

  it('ships dated catalogs with sources for at least two regions of each cloud', () => {
    const catalogs = PriceCatalogs.load();
    for (const provider of ['aws', 'azure', 'gcp']) {
      const doc = catalogs.document(provider)!;
      expect(doc.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(doc.source).toMatch(/https:\/\//);
      expect(catalogs.regions(provider).length).toBeGreaterThanOrEqual(2);
      for (const region of catalogs.regions(provider)) {
        const pricing = catalogs.forRegion(provider, region);
        expect(pricing.instances.length).toBeGreaterThan(20);
        expect(pricing.storageClasses.length).toBeGreaterThan(0);
        // cheapest first
        const prices = pricing.instances.map(i => i.hourlyPrice);
        expect([...prices].sort((a, b) => a - b)).toEqual(prices);
      }
    }
    // A type is offered only where it has a price: no t2a in europe-west1.
    expect(
      catalogs
        .forRegion('gcp', 'europe-west1')
        .instances.some(i => i.family === 't2a'),
    ).toBe(false);
    expect(
      catalogs
        .forRegion('gcp', 'us-central1')
        .instances.some(i => i.family === 't2a'),
    ).toBe(true);
  });

  it('names the field and the catalogued regions for an unknown target', () => {
    const catalogs = PriceCatalogs.load();
    expect(() => catalogs.forRegion('aws', 'ap-south-7')).toThrow(
      /target\.region: no aws price catalog for region "ap-south-7"; catalogued regions: us-east-1, eu-west-1, eu-central-1/,
    );
    expect(() => catalogs.forRegion('ibm', 'x')).toThrow(/target\.provider/);
    expect(catalogs.forRegion('azure', 'WestEurope').region).toBe('westeurope');
  });

  it('replaces a provider catalog from the configured file (JSON or YAML)', () => {
    mockDir.setContent({
      'rates.yaml': `
provider: aws
currency: EUR
asOf: '2026-11-01'
source: negotiated rates
hoursPerMonth: 730
windowsLicensePerVcpuHour: 0
commitmentDiscounts: { oneYear: 0.3, threeYear: 0.5, basis: contract }
regions: { eu-south-1: { name: Milan } }
instanceTypes:
  - { name: m5.large, family: m5, category: general, vcpus: 2, memoryGiB: 8, architecture: x86_64, prices: { eu-south-1: 0.05 } }
storageClasses:
  - id: gp3
    name: gp3
    use: general
    pricing: per-GiB
    maxSizeGiB: 16384
    iops: { baseline: 3000, perGiB: 0, max: 16000, provisionedAboveBaseline: true }
    prices: { eu-south-1: { perGiBMonth: 0.07, perProvisionedIopsMonth: 0.004 } }
`,
    });
    const catalogs = PriceCatalogs.load({
      catalogFile: mockDir.resolve('rates.yaml'),
    });
    const pricing = catalogs.forRegion('aws', 'eu-south-1');
    expect(pricing.currency).toBe('EUR');
    expect(pricing.overrideFile).toBe(mockDir.resolve('rates.yaml'));
    expect(pricing.instances).toEqual([
      expect.objectContaining({ name: 'm5.large', hourlyPrice: 0.05 }),
    ]);
    // Other providers keep the shipped catalog.
    expect(catalogs.forRegion('azure', 'eastus').overrideFile).toBeUndefined();
  });

  it("prefers the operator's catalog file over a fetched public price list", () => {
    mockDir.setContent({
      'rates.json': JSON.stringify({
        ...PriceCatalogs.load().document('aws'),
        source: 'negotiated rates',
      }),
    });
    const catalogs = PriceCatalogs.load({
      catalogFile: mockDir.resolve('rates.json'),
    }).withFetched([
      {
        provider: 'aws',
        currency: 'USD',
        source: 'AWS Price List',
        fetchedAt: '2026-12-01T00:00:00Z',
        regions: ['us-east-1'],
        rows: [{ name: 'm5.large', region: 'us-east-1', hourlyPrice: 9 }],
      },
    ]);
    const pricing = catalogs.forRegion('aws', 'us-east-1');
    expect(pricing.origin).toBe('file');
    expect(pricing.source).toBe('negotiated rates');
  });

  it('rejects an invalid override file with the file and the problems', () => {
    mockDir.setContent({
      'bad.json': JSON.stringify({ provider: 'aws', currency: 'USD' }),
    });
    expect(() =>
      PriceCatalogs.load({ catalogFile: mockDir.resolve('bad.json') }),
    ).toThrow(
      /migration\.assessment\.catalogFile .*bad\.json is not a valid price catalog: .*asOf/,
    );
    expect(() =>
      PriceCatalogs.load({ catalogFile: mockDir.resolve('missing.json') }),
    ).toThrow(/Cannot read migration\.assessment\.catalogFile/);
  });
});

describe('readAssessmentSettings', () => {
  it('uses the defaults without config', () => {
    expect(readAssessmentSettings(new ConfigReader({}))).toEqual(
      DEFAULT_ASSESSMENT_SETTINGS,
    );
  });

  it('reads every key and names a bad one', () => {
    const settings = readAssessmentSettings(
      new ConfigReader({
        migration: {
          assessment: {
            comfortFactor: 1.5,
            maxWaveSize: 20,
            bandwidthMbps: 500,
            sharedServiceMinFanIn: 3,
            allowBurstable: true,
            catalogFile: './rates.yaml',
            cutover: {
              baseMinutes: 60,
              perResourceMinutes: 10,
              changeRatePercent: 5,
            },
            currentCost: {
              perVcpuMonth: 25,
              perGiBMemoryMonth: 4,
              perGiBDiskMonth: 0.1,
            },
            security: { auditLogging: false },
          },
        },
      }),
    );
    expect(settings).toMatchObject({
      comfortFactor: 1.5,
      maxWaveSize: 20,
      bandwidthMbps: 500,
      sharedServiceMinFanIn: 3,
      allowBurstable: true,
      catalogFile: './rates.yaml',
      cutover: {
        baseMinutes: 60,
        perResourceMinutes: 10,
        changeRatePercent: 5,
      },
      currentCost: {
        perVcpuMonth: 25,
        perGiBMemoryMonth: 4,
        perGiBDiskMonth: 0.1,
      },
      security: {
        encryptionAtRest: true,
        encryptionInTransit: true,
        auditLogging: false,
      },
    });
    expect(() =>
      readAssessmentSettings(
        new ConfigReader({ migration: { assessment: { comfortFactor: 0.5 } } }),
      ),
    ).toThrow(
      /migration\.assessment\.comfortFactor: must be a number between 1 and 5, got 0\.5/,
    );
    expect(() =>
      readAssessmentSettings(
        new ConfigReader({ migration: { assessment: { maxWaveSize: 2.5 } } }),
      ),
    ).toThrow(/migration\.assessment\.maxWaveSize: must be an integer/);
  });
});
