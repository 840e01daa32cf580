import { PricingClient } from '@aws-sdk/client-pricing';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createRetryStrategy } from '../clients/retryStrategy';
import { AwsPriceListSource } from './AwsPriceListSource';

const server = setupServer();
registerMswTestHooks(server);

const ENDPOINT = 'https://api.pricing.us-east-1.amazonaws.com/';

/** A Price List product of EC2 as GetProducts returns it (one JSON string of `PriceList`). */
function product(
  sku: string,
  attributes: Record<string, string>,
  prices: { onDemand: string; y1?: string; y3?: string },
) {
  const dim = (code: string, usd: string, unit = 'Hrs') => ({
    [`${sku}.${code}.6YS6EN2CT7`]: {
      unit,
      endRange: 'Inf',
      description: `$${usd} per On Demand Linux ${attributes.instanceType} Instance Hour`,
      appliesTo: [],
      rateCode: `${sku}.${code}.6YS6EN2CT7`,
      beginRange: '0',
      pricePerUnit: { USD: usd },
    },
  });
  const reservedTerm = (
    code: string,
    usd: string,
    LeaseContractLength: string,
    PurchaseOption = 'No Upfront',
    OfferingClass = 'standard',
  ) => ({
    [`${sku}.${code}`]: {
      priceDimensions: dim(code, usd),
      sku,
      effectiveDate: '2025-10-01T00:00:00Z',
      offerTermCode: code,
      termAttributes: { LeaseContractLength, OfferingClass, PurchaseOption },
    },
  });
  return JSON.stringify({
    product: {
      productFamily: 'Compute Instance',
      attributes: {
        enhancedNetworkingSupported: 'Yes',
        memory: '8 GiB',
        vcpu: '2',
        capacitystatus: 'Used',
        locationType: 'AWS Region',
        storage: 'EBS only',
        instanceFamily: 'General purpose',
        operatingSystem: 'Linux',
        regionCode: 'eu-west-1',
        physicalProcessor: 'Intel Xeon Platinum 8175',
        tenancy: 'Shared',
        usagetype: `EU-BoxUsage:${attributes.instanceType}`,
        servicecode: 'AmazonEC2',
        licenseModel: 'No License required',
        currentGeneration: 'Yes',
        preInstalledSw: 'NA',
        location: 'EU (Ireland)',
        processorArchitecture: '64-bit',
        marketoption: 'OnDemand',
        operation: 'RunInstances',
        ...attributes,
      },
      sku,
    },
    serviceCode: 'AmazonEC2',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: dim('JRTCKXETXF', prices.onDemand),
          sku,
          effectiveDate: '2025-11-01T00:00:00Z',
          offerTermCode: 'JRTCKXETXF',
          termAttributes: {},
        },
      },
      ...(prices.y1
        ? {
            Reserved: {
              // a partial-upfront and a convertible offer that are not the basis
              ...reservedTerm(
                'HU7G6KETJZ',
                '0.0310000000',
                '1yr',
                'Partial Upfront',
              ),
              ...reservedTerm(
                '7NE97W5U4E',
                '0.0700000000',
                '1yr',
                'No Upfront',
                'convertible',
              ),
              ...reservedTerm('4NA7Y494T4', prices.y1, '1yr'),
              ...reservedTerm('BPH4J8HBKS', prices.y3!, '3yr'),
            },
          }
        : {}),
    },
    version: '20251120000000',
    publicationDate: '2025-11-20T00:00:00Z',
  });
}

const M5 = product(
  'EHTWJXUPSGJ5Y3ZB',
  { instanceType: 'm5.large' },
  { onDemand: '0.1070000000', y1: '0.0670000000', y3: '0.0460000000' },
);
const M7G = product(
  'Q8XQ3ZJ7Y7BTAFDF',
  {
    instanceType: 'm7g.xlarge',
    vcpu: '4',
    memory: '16 GiB',
    physicalProcessor: 'AWS Graviton3 Processor',
  },
  { onDemand: '0.1784000000' },
);
const X2 = product(
  'X2IEDN00000000AA',
  { instanceType: 'x2iedn.32xlarge', vcpu: '128', memory: '4,096 GiB' },
  { onDemand: '0.0000000000' },
);

function jsonReply(body: unknown, status = 200) {
  return HttpResponse.json(body as Record<string, unknown>, {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amzn-RequestId': '5a3d2f1e-0000-4000-8000-000000000001',
    },
  });
}

function source(maxAttempts = 3, savingsPlans = false) {
  return new AwsPriceListSource({
    savingsPlans,
    client: new PricingClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      },
      retryStrategy: createRetryStrategy({
        maxAttempts,
        baseDelayMs: 1,
        maxDelayMs: 5,
      }),
    }),
    now: () => new Date('2026-12-06T03:00:00Z'),
  });
}

describe('AwsPriceListSource', () => {
  it('pages GetProducts of AmazonEC2 with the Linux shared-tenancy filters, retrying throttling', async () => {
    const bodies: Array<Record<string, any>> = [];
    let throttled = false;
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        expect(request.headers.get('x-amz-target')).toBe(
          'AWSPriceListService.GetProducts',
        );
        const body = (await request.json()) as Record<string, any>;
        bodies.push(body);
        if (!body.NextToken) {
          return jsonReply({
            FormatVersion: 'aws_v1',
            NextToken: 'page-2-token',
            PriceList: [M5, X2],
          });
        }
        if (!throttled) {
          throttled = true;
          return jsonReply(
            { __type: 'ThrottlingException', message: 'Rate exceeded' },
            400,
          );
        }
        return jsonReply({ FormatVersion: 'aws_v1', PriceList: [M7G] });
      }),
    );

    const prices = await source().fetchInstancePrices({
      regions: ['eu-west-1'],
    });

    expect(bodies.map(b => b.NextToken ?? null)).toEqual([
      null,
      'page-2-token',
      'page-2-token',
    ]);
    expect(bodies[0]).toMatchObject({
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
    });
    expect(
      Object.fromEntries(
        bodies[0].Filters.map((f: any) => [f.Field, `${f.Type}=${f.Value}`]),
      ),
    ).toEqual({
      productFamily: 'TERM_MATCH=Compute Instance',
      operatingSystem: 'TERM_MATCH=Linux',
      tenancy: 'TERM_MATCH=Shared',
      preInstalledSw: 'TERM_MATCH=NA',
      capacitystatus: 'TERM_MATCH=Used',
      licenseModel: 'TERM_MATCH=No License required',
      regionCode: 'TERM_MATCH=eu-west-1',
    });
    expect(prices).toMatchObject({
      provider: 'aws',
      currency: 'USD',
      fetchedAt: '2026-12-06T03:00:00.000Z',
      regions: ['eu-west-1'],
    });
    expect(prices.rows).toEqual([
      {
        name: 'm5.large',
        region: 'eu-west-1',
        hourlyPrice: 0.107,
        // Standard, No Upfront: the basis of the discounts
        commit1yHourly: 0.067,
        commit3yHourly: 0.046,
        vcpus: 2,
        memoryGiB: 8,
        family: 'm5',
        architecture: 'x86_64',
      },
      {
        name: 'm7g.xlarge',
        region: 'eu-west-1',
        hourlyPrice: 0.1784,
        vcpus: 4,
        memoryGiB: 16,
        family: 'm7g',
        architecture: 'arm64',
      },
    ]);
  });

  it('never retries rejected credentials', async () => {
    let calls = 0;
    server.use(
      http.post(ENDPOINT, () => {
        calls++;
        return jsonReply(
          {
            __type: 'UnrecognizedClientException',
            message: 'The security token included in the request is invalid.',
          },
          400,
        );
      }),
    );
    await expect(
      source(5).fetchInstancePrices({ regions: ['eu-west-1'] }),
    ).rejects.toMatchObject({
      name: 'AuthenticationError',
      message: expect.stringContaining(
        'AWS rejected the credentials for AWS Price List in us-east-1 (pricing:GetProducts)',
      ),
    });
    expect(calls).toBe(1);
  });

  it('reads every region without a region filter', async () => {
    let filters: any[] = [];
    server.use(
      http.post(ENDPOINT, async ({ request }) => {
        filters = ((await request.json()) as any).Filters;
        return jsonReply({
          FormatVersion: 'aws_v1',
          PriceList: [
            M5,
            product(
              'US1',
              { instanceType: 'm5.large', regionCode: 'us-east-1' },
              { onDemand: '0.0960000000' },
            ),
          ],
        });
      }),
    );
    const prices = await source().fetchInstancePrices({});
    expect(filters.map(f => f.Field)).not.toContain('regionCode');
    expect(prices.regions).toEqual(['eu-west-1', 'us-east-1']);
  });
});
