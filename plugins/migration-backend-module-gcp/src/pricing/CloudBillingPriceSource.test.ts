import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  FAST_RETRY,
  googleErrors,
  testAuth,
  TEST_TOKEN,
} from '../testUtils/googleTestAuth';
import { CloudBillingPriceSource } from './CloudBillingPriceSource';

const server = setupServer();
registerMswTestHooks(server);

const SKUS_URL =
  'https://cloudbilling.googleapis.com/v1/services/6F81-5844-456A/skus';

/** A Compute Engine SKU as the Cloud Billing Catalog lists it. */
function sku(
  skuId: string,
  description: string,
  usageType: string,
  usd: number,
  serviceRegions: string[],
  usageUnit = description.match(/Ram/i) ? 'GiBy.h' : 'h',
) {
  const units = Math.floor(usd);
  return {
    name: `services/6F81-5844-456A/skus/${skuId}`,
    skuId,
    description,
    category: {
      serviceDisplayName: 'Compute Engine',
      resourceFamily: 'Compute',
      resourceGroup: usageUnit === 'h' ? 'CPU' : 'RAM',
      usageType,
    },
    serviceRegions,
    pricingInfo: [
      {
        summary: '',
        pricingExpression: {
          usageUnit,
          displayQuantity: 1,
          tieredRates: [
            {
              startUsageAmount: 0,
              unitPrice: {
                currencyCode: 'USD',
                units: String(units),
                nanos: Math.round((usd - units) * 1e9),
              },
            },
          ],
          usageUnitDescription: usageUnit === 'h' ? 'hour' : 'gibibyte hour',
          baseUnit: usageUnit === 'h' ? 's' : 'By.s',
          baseUnitDescription: usageUnit === 'h' ? 'second' : 'byte second',
          baseUnitConversionFactor: usageUnit === 'h' ? 3600 : 3865470566400,
        },
        currencyConversionRate: 1,
        effectiveTime: '2026-12-05T07:28:43.227Z',
      },
    ],
    serviceProviderName: 'Google',
    geoTaxonomy: { type: 'MULTI_REGIONAL', regions: serviceRegions },
  };
}

const AMERICAS = ['us-central1', 'us-east1'];

const page1 = [
  sku(
    'CP-1',
    'N2 Instance Core running in Americas',
    'OnDemand',
    0.031611,
    AMERICAS,
  ),
  sku(
    'CP-2',
    'N2 Instance Ram running in Americas',
    'OnDemand',
    0.004237,
    AMERICAS,
  ),
  // a region-specific SKU wins over the multi-region one
  sku('CP-3', 'N2 Instance Core running in Iowa', 'OnDemand', 0.03, [
    'us-central1',
  ]),
  sku(
    'CP-4',
    'Spot Preemptible N2 Instance Core running in Americas',
    'Preemptible',
    0.0077,
    AMERICAS,
  ),
  sku(
    'CP-5',
    'N2 Custom Instance Core running in Americas',
    'OnDemand',
    0.033,
    AMERICAS,
  ),
];
const page2 = [
  sku(
    'CP-6',
    'Commitment v1: N2 Cpu in Americas for 1 Year',
    'Commit1Yr',
    0.019915,
    AMERICAS,
  ),
  sku(
    'CP-7',
    'Commitment v1: N2 Ram in Americas for 1 Year',
    'Commit1Yr',
    0.002669,
    AMERICAS,
  ),
  sku(
    'CP-8',
    'Commitment v1: N2 Cpu in Americas for 3 Year',
    'Commit3Yr',
    0.014225,
    AMERICAS,
  ),
  sku(
    'CP-9',
    'Commitment v1: N2 Ram in Americas for 3 Year',
    'Commit3Yr',
    0.001907,
    AMERICAS,
  ),
  sku(
    'CP-10',
    'T2A Arm Instance Core running in Americas',
    'OnDemand',
    0.0308,
    ['us-central1'],
  ),
  sku('CP-11', 'T2A Arm Instance Ram running in Americas', 'OnDemand', 0.0042, [
    'us-central1',
  ]),
  // a RAM rate in an unexpected unit is refused
  sku(
    'CP-12',
    'E2 Instance Core running in Americas',
    'OnDemand',
    0.021811,
    AMERICAS,
  ),
  sku(
    'CP-13',
    'E2 Instance Ram running in Americas',
    'OnDemand',
    0.002923,
    AMERICAS,
    'GBy.h',
  ),
];

describe('CloudBillingPriceSource', () => {
  it('pages the Compute Engine SKUs and prices standard machine types from core and RAM rates', async () => {
    const requests: string[] = [];
    let throttled = false;
    server.use(
      http.get(SKUS_URL, ({ request }) => {
        expect(request.headers.get('authorization')).toBe(
          `Bearer ${TEST_TOKEN}`,
        );
        const url = new URL(request.url);
        expect(url.searchParams.get('currencyCode')).toBe('USD');
        const token = url.searchParams.get('pageToken');
        requests.push(token ?? 'first');
        if (!token)
          return HttpResponse.json({ skus: page1, nextPageToken: 'p2' });
        if (!throttled) {
          throttled = true;
          return HttpResponse.json(
            googleErrors.quota429('cloudbilling.googleapis.com'),
            { status: 429, headers: { 'Retry-After': '0' } },
          );
        }
        return HttpResponse.json({ skus: page2, nextPageToken: '' });
      }),
    );
    const source = new CloudBillingPriceSource({
      auth: testAuth,
      retry: FAST_RETRY,
      now: () => new Date('2026-12-06T03:00:00Z'),
    });

    const prices = await source.fetchInstancePrices({
      regions: ['us-central1'],
    });

    expect(requests).toEqual(['first', 'p2', 'p2']);
    expect(prices).toMatchObject({
      provider: 'gcp',
      currency: 'USD',
      fetchedAt: '2026-12-06T03:00:00.000Z',
      regions: ['us-central1'],
    });
    const byName = new Map(prices.rows.map(r => [r.name, r]));
    // 4 × 0.03 (Iowa core) + 16 × 0.004237
    expect(byName.get('n2-standard-4')).toEqual({
      name: 'n2-standard-4',
      region: 'us-central1',
      hourlyPrice: expect.closeTo(4 * 0.03 + 16 * 0.004237, 9),
      commit1yHourly: expect.closeTo(4 * 0.019915 + 16 * 0.002669, 9),
      commit3yHourly: expect.closeTo(4 * 0.014225 + 16 * 0.001907, 9),
      vcpus: 4,
      memoryGiB: 16,
      family: 'n2',
      architecture: 'x86_64',
    });
    expect(byName.get('n2-highmem-2')).toMatchObject({
      memoryGiB: 16,
      hourlyPrice: expect.closeTo(2 * 0.03 + 16 * 0.004237, 9),
    });
    expect(byName.get('t2a-standard-1')).toMatchObject({
      architecture: 'arm64',
      hourlyPrice: expect.closeTo(0.0308 + 4 * 0.0042, 9),
    });
    expect(byName.get('t2a-standard-1')?.commit1yHourly).toBeUndefined();
    // E2's RAM rate came in GB, not GiB: no E2 type is derived
    expect([...byName.keys()].some(n => n.startsWith('e2-'))).toBe(false);
    expect(prices.rows.every(r => r.region === 'us-central1')).toBe(true);
  });

  it('covers every region the SKUs name when none is given', async () => {
    server.use(http.get(SKUS_URL, () => HttpResponse.json({ skus: page1 })));
    const prices = await new CloudBillingPriceSource({
      auth: testAuth,
      retry: FAST_RETRY,
    }).fetchInstancePrices({});
    expect(prices.regions).toEqual(['us-central1', 'us-east1']);
    const east = prices.rows.find(
      r => r.region === 'us-east1' && r.name === 'n2-standard-2',
    );
    expect(east?.hourlyPrice).toBeCloseTo(2 * 0.031611 + 8 * 0.004237, 9);
  });

  it('does not retry rejected credentials', async () => {
    let calls = 0;
    server.use(
      http.get(SKUS_URL, () => {
        calls++;
        return HttpResponse.json(googleErrors.unauthenticated401(), {
          status: 401,
        });
      }),
    );
    await expect(
      new CloudBillingPriceSource({
        auth: testAuth,
        retry: FAST_RETRY,
      }).fetchInstancePrices({ regions: ['us-central1'] }),
    ).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringContaining(
        'Cloud Billing Catalog: list Compute Engine SKUs',
      ),
    });
    expect(calls).toBe(1);
  });
});
