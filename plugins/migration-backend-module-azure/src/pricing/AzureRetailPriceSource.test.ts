import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { AzureRetailPriceSource } from './AzureRetailPriceSource';

const server = setupServer();
registerMswTestHooks(server);

const BASE = 'https://prices.azure.com/api/retail/prices';

/** An item as the API returns it (2023-01-01-preview). */
function item(over: Record<string, unknown>) {
  return {
    currencyCode: 'USD',
    tierMinimumUnits: 0,
    retailPrice: 0.096,
    unitPrice: 0.096,
    armRegionName: 'westeurope',
    location: 'EU West',
    effectiveStartDate: '2022-06-01T00:00:00Z',
    meterId: 'b4ec4d2d-0000-4000-8000-000000000001',
    meterName: 'D2s v5',
    productId: 'DZH318Z0D1QX',
    skuId: 'DZH318Z0D1QX/00CG',
    productName: 'Virtual Machines Dsv5 Series',
    skuName: 'D2s v5',
    serviceName: 'Virtual Machines',
    serviceId: 'DZH313Z7MMC8',
    serviceFamily: 'Compute',
    unitOfMeasure: '1 Hour',
    type: 'Consumption',
    isPrimaryMeterRegion: true,
    armSkuName: 'Standard_D2s_v5',
    ...over,
  };
}

const consumptionPage1 = [
  // a Consumption item carries its savings plan prices (hourly) with 2023-01-01-preview
  item({
    retailPrice: 0.107,
    unitPrice: 0.107,
    savingsPlan: [
      { unitPrice: 0.05778, retailPrice: 0.05778, term: '3 Years' },
      { unitPrice: 0.08025, retailPrice: 0.08025, term: '1 Year' },
    ],
  }),
  // Windows is a product of its own: left out (with its savings plan prices)
  item({
    retailPrice: 0.199,
    unitPrice: 0.199,
    productName: 'Virtual Machines Dsv5 Series Windows',
    savingsPlan: [
      { unitPrice: 0.1728, retailPrice: 0.1728, term: '3 Years' },
      { unitPrice: 0.1852, retailPrice: 0.1852, term: '1 Year' },
    ],
  }),
  // Spot and Low Priority: left out
  item({
    retailPrice: 0.0214,
    unitPrice: 0.0214,
    meterName: 'D2s v5 Spot',
    skuName: 'D2s v5 Spot',
  }),
  item({
    retailPrice: 0.0214,
    unitPrice: 0.0214,
    meterName: 'D2s v5 Low Priority',
    skuName: 'D2s v5 Low Priority',
  }),
];
const consumptionPage2 = [
  item({
    retailPrice: 0.282,
    unitPrice: 0.282,
    armSkuName: 'Standard_E4ps_v5',
    meterName: 'E4ps v5',
    skuName: 'E4ps v5',
    productName: 'Virtual Machines Epsv5 Series',
  }),
];
const reservations = [
  item({
    type: 'Reservation',
    reservationTerm: '1 Year',
    retailPrice: 560.64,
    unitPrice: 560.64,
    skuId: 'DZH318Z0D1QX/01B1',
  }),
  item({
    type: 'Reservation',
    reservationTerm: '3 Years',
    retailPrice: 1078.92,
    unitPrice: 1078.92,
    skuId: 'DZH318Z0D1QX/01B2',
  }),
];

const page = (Items: unknown[], NextPageLink: string | null) =>
  HttpResponse.json({
    BillingCurrency: 'USD',
    CustomerEntityId: 'Default',
    CustomerEntityType: 'Retail',
    Items,
    NextPageLink,
    Count: Items.length,
  });

describe('AzureRetailPriceSource', () => {
  it('pages through Linux pay-as-you-go, reservation and savings plan prices of a region, retrying a throttled page', async () => {
    const requests: string[] = [];
    let throttled = false;
    server.use(
      http.get(BASE, ({ request }) => {
        const url = new URL(request.url);
        const filter = url.searchParams.get('$filter')!;
        requests.push(`${filter} skip=${url.searchParams.get('$skip') ?? 0}`);
        expect(url.searchParams.get('api-version')).toBe('2023-01-01-preview');
        if (filter.includes("priceType eq 'Reservation'")) {
          return page(reservations, null);
        }
        if (url.searchParams.get('$skip') === '1000') {
          if (!throttled) {
            throttled = true;
            return HttpResponse.json(
              { error: { code: 'TooManyRequests', message: 'Rate limit' } },
              { status: 429, headers: { 'Retry-After': '7' } },
            );
          }
          return page(consumptionPage2, null);
        }
        const next = new URL(url);
        next.searchParams.set('$skip', '1000');
        return page(consumptionPage1, next.toString());
      }),
    );
    const waits: number[] = [];
    const source = new AzureRetailPriceSource({
      sleep: async ms => {
        waits.push(ms);
      },
      now: () => new Date('2026-12-06T03:00:00Z'),
    });

    const prices = await source.fetchInstancePrices({
      regions: ['WestEurope'],
    });

    expect(requests).toEqual([
      "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq 'westeurope' skip=0",
      "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq 'westeurope' skip=1000",
      "serviceName eq 'Virtual Machines' and priceType eq 'Consumption' and armRegionName eq 'westeurope' skip=1000",
      "serviceName eq 'Virtual Machines' and priceType eq 'Reservation' and armRegionName eq 'westeurope' skip=0",
    ]);
    expect(waits).toEqual([7000]);
    expect(prices).toMatchObject({
      provider: 'azure',
      currency: 'USD',
      fetchedAt: '2026-12-06T03:00:00.000Z',
      regions: ['westeurope'],
    });
    expect(prices.source).toMatch(
      /^Azure Retail Prices API .*reservations and savings plans\)$/,
    );
    expect(prices.rows).toEqual([
      {
        name: 'Standard_D2s_v5',
        region: 'westeurope',
        hourlyPrice: 0.107,
        // the reservation prices are per term: 560.64 / 8760 h, 1078.92 / 26280 h
        commit1yHourly: 0.064,
        commit3yHourly: 1078.92 / 26280,
        // the savings plan prices of the Consumption item are hourly already
        savingsPlan1yHourly: 0.08025,
        savingsPlan3yHourly: 0.05778,
        vcpus: 2,
        memoryGiB: 8,
        family: 'Dsv5',
        architecture: 'x86_64',
      },
      {
        name: 'Standard_E4ps_v5',
        region: 'westeurope',
        hourlyPrice: 0.282,
        vcpus: 4,
        memoryGiB: 32,
        family: 'Epsv5',
        architecture: 'arm64',
      },
    ]);
  });

  it('reads every region when none is given', async () => {
    const filters: string[] = [];
    server.use(
      http.get(BASE, ({ request }) => {
        const filter = new URL(request.url).searchParams.get('$filter')!;
        filters.push(filter);
        return page(
          filter.includes('Consumption')
            ? [item({}), item({ armRegionName: 'eastus', retailPrice: 0.096 })]
            : [],
          null,
        );
      }),
    );
    const prices = await new AzureRetailPriceSource().fetchInstancePrices({});
    expect(filters.every(f => !f.includes('armRegionName'))).toBe(true);
    expect(prices.regions).toEqual(['eastus', 'westeurope']);
    expect(prices.rows.map(r => [r.region, r.hourlyPrice])).toEqual([
      ['westeurope', 0.096],
      ['eastus', 0.096],
    ]);
  });

  it('does not retry a refused request and gives up on a failing page after its attempts', async () => {
    let calls = 0;
    server.use(
      http.get(BASE, () => {
        calls++;
        return HttpResponse.json({ error: 'Forbidden' }, { status: 403 });
      }),
    );
    const sleep = jest.fn(async () => {});
    await expect(
      new AzureRetailPriceSource({ sleep }).fetchInstancePrices({
        regions: ['eastus'],
      }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(calls).toBe(1);
    expect(sleep).not.toHaveBeenCalled();

    calls = 0;
    server.use(
      http.get(BASE, () => {
        calls++;
        return HttpResponse.json({ error: 'busy' }, { status: 503 });
      }),
    );
    await expect(
      new AzureRetailPriceSource({ sleep, maxAttempts: 3 }).fetchInstancePrices(
        { regions: ['eastus'] },
      ),
    ).rejects.toMatchObject({ name: 'ResponseError' });
    expect(calls).toBe(3);
    // no Retry-After: 1 s, then 2 s
    expect(sleep.mock.calls.map(c => (c as unknown[])[0])).toEqual([
      1000, 2000,
    ]);
  });
});
