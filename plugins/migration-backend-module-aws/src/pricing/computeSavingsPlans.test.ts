import { PricingClient } from '@aws-sdk/client-pricing';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createRetryStrategy } from '../clients/retryStrategy';
import { AwsPriceListSource } from './AwsPriceListSource';
import { JsonPathScanner, type ScannedValue } from './jsonPathScanner';

const server = setupServer();
registerMswTestHooks(server);

const PRICING = 'https://pricing.us-east-1.amazonaws.com';
const INDEX = `${PRICING}/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json`;
const EU_FILE =
  '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261201000000/eu-west-1/index.json';

/** The region index as published: one entry per region with the path of its file. */
const regionIndex = {
  disclaimer: 'This pricing list is for informational purposes only.',
  publicationDate: '2026-12-01T00:00:00Z',
  regions: [
    { regionCode: 'eu-west-1', versionUrl: EU_FILE },
    {
      regionCode: 'us-east-1',
      versionUrl:
        '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/20261201000000/us-east-1/index.json',
    },
  ],
};

const product = (
  sku: string,
  productFamily: string,
  purchaseOption: string,
  purchaseTerm: string,
) => ({
  sku,
  productFamily,
  serviceCode: 'ComputeSavingsPlans',
  usageType: `ComputeSP:${purchaseTerm}${purchaseOption.replace(/ /g, '')}`,
  operation: '',
  attributes: {
    purchaseOption,
    granularity: 'hourly',
    instanceType: '',
    purchaseTerm,
    locationType: 'AWS Region',
    location: 'Any',
  },
});

const rate = (
  plan: string,
  usageType: string,
  operation: string,
  price: string,
) => ({
  discountedSku: `${usageType}-${operation}`
    .replace(/[^A-Z0-9]/gi, '')
    .slice(0, 16),
  discountedUsageType: usageType,
  discountedOperation: operation,
  discountedServiceCode: usageType.includes('Fargate')
    ? 'AmazonECS'
    : 'AmazonEC2',
  rateCode: `${plan}.${usageType}`,
  unit: 'Hrs',
  discountedRate: { price, currency: 'USD' },
});

const plan = (
  sku: string,
  years: number,
  description: string,
  rates: unknown[],
) => ({
  sku,
  description,
  effectiveDate: '2026-12-01T00:00:00Z',
  leaseContractLength: { duration: years, unit: 'year' },
  rates,
});

/** An excerpt of the eu-west-1 file in the published shape (products, then terms.savingsPlan). */
const euWest1 = {
  version: '20261201000000',
  publicationDate: '2026-12-01T00:00:00Z',
  regionCode: 'eu-west-1',
  products: [
    product('CSP1NU00000000AA', 'ComputeSavingsPlans', 'No Upfront', '1yr'),
    product('CSP3NU00000000AA', 'ComputeSavingsPlans', 'No Upfront', '3yr'),
    product('CSP1AU00000000AA', 'ComputeSavingsPlans', 'All Upfront', '1yr'),
    product('ISP1NUM500000000', 'EC2InstanceSavingsPlans', 'No Upfront', '1yr'),
  ],
  terms: {
    savingsPlan: [
      plan('CSP1NU00000000AA', 1, '1 year No Upfront Compute Savings Plan', [
        rate(
          'CSP1NU00000000AA',
          'EU-BoxUsage:m5.large',
          'RunInstances',
          '0.0782',
        ),
        // Windows, dedicated tenancy and Fargate are other usage
        rate(
          'CSP1NU00000000AA',
          'EU-BoxUsage:m5.large',
          'RunInstances:0002',
          '0.1646',
        ),
        rate(
          'CSP1NU00000000AA',
          'EU-DedicatedUsage:m5.large',
          'RunInstances',
          '0.0862',
        ),
        rate(
          'CSP1NU00000000AA',
          'EU-Fargate-vCPU-Hours:perCPU',
          'FargateTask',
          '0.0318',
        ),
        rate(
          'CSP1NU00000000AA',
          'EU-BoxUsage:m7g.xlarge',
          'RunInstances',
          '0.1302',
        ),
      ]),
      plan('CSP3NU00000000AA', 3, '3 year No Upfront Compute Savings Plan', [
        rate(
          'CSP3NU00000000AA',
          'EU-BoxUsage:m5.large',
          'RunInstances',
          '0.0547',
        ),
        rate(
          'CSP3NU00000000AA',
          'EU-BoxUsage:m7g.xlarge',
          'RunInstances',
          '0.0922',
        ),
      ]),
      plan('CSP1AU00000000AA', 1, '1 year All Upfront Compute Savings Plan', [
        rate(
          'CSP1AU00000000AA',
          'EU-BoxUsage:m5.large',
          'RunInstances',
          '0.0735',
        ),
      ]),
      plan(
        'ISP1NUM500000000',
        1,
        '1 year No Upfront EC2 Instance Savings Plan m5',
        [
          rate(
            'ISP1NUM500000000',
            'EU-BoxUsage:m5.large',
            'RunInstances',
            '0.0700',
          ),
        ],
      ),
    ],
  },
};

/** Sends a JSON text in small pieces, as a large file arrives. */
function chunked(text: string, size = 7): Response {
  const bytes = new TextEncoder().encode(text);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) {
        controller.enqueue(bytes.slice(i, i + size));
      }
      controller.close();
    },
  });
  return new HttpResponse(stream, {
    headers: { 'content-type': 'application/json' },
  });
}

/** A GetProducts reply with m5.large and m7g.xlarge in eu-west-1 (on-demand and reservations). */
function getProductsReply() {
  const item = (
    type: string,
    vcpu: string,
    memory: string,
    od: string,
    reserved?: [string, string],
  ) =>
    JSON.stringify({
      product: {
        productFamily: 'Compute Instance',
        attributes: {
          instanceType: type,
          vcpu,
          memory,
          regionCode: 'eu-west-1',
          operatingSystem: 'Linux',
          tenancy: 'Shared',
          preInstalledSw: 'NA',
          capacitystatus: 'Used',
          physicalProcessor: type.includes('g.')
            ? 'AWS Graviton3 Processor'
            : 'Intel Xeon Platinum 8175',
          usagetype: `EU-BoxUsage:${type}`,
          operation: 'RunInstances',
        },
        sku: `SKU${type}`,
      },
      serviceCode: 'AmazonEC2',
      terms: {
        OnDemand: {
          [`SKU${type}.JRTCKXETXF`]: {
            priceDimensions: { d: { unit: 'Hrs', pricePerUnit: { USD: od } } },
            termAttributes: {},
          },
        },
        ...(reserved
          ? {
              Reserved: Object.fromEntries(
                reserved.map((usd, i) => [
                  `SKU${type}.R${i}`,
                  {
                    priceDimensions: {
                      d: { unit: 'Hrs', pricePerUnit: { USD: usd } },
                    },
                    termAttributes: {
                      LeaseContractLength: i === 0 ? '1yr' : '3yr',
                      OfferingClass: 'standard',
                      PurchaseOption: 'No Upfront',
                    },
                  },
                ]),
              ),
            }
          : {}),
      },
    });
  return HttpResponse.json(
    {
      FormatVersion: 'aws_v1',
      PriceList: [
        item('m5.large', '2', '8 GiB', '0.1070000000', [
          '0.0670000000',
          '0.0460000000',
        ]),
        item('m7g.xlarge', '4', '16 GiB', '0.1784000000'),
      ],
    },
    { headers: { 'content-type': 'application/x-amz-json-1.1' } },
  );
}

function source(logger?: { warn: jest.Mock }) {
  return new AwsPriceListSource({
    logger: logger as any,
    client: new PricingClient({
      region: 'us-east-1',
      credentials: {
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'example',
      },
      retryStrategy: createRetryStrategy({
        maxAttempts: 1,
        baseDelayMs: 1,
        maxDelayMs: 1,
      }),
    }),
    now: () => new Date('2026-12-06T03:00:00Z'),
  });
}

describe('AWS Compute Savings Plans prices', () => {
  it('reads the region index and streams the region file: Linux shared-tenancy No Upfront Compute Savings Plans only', async () => {
    const requested: string[] = [];
    server.use(
      http.post(
        'https://api.pricing.us-east-1.amazonaws.com/',
        getProductsReply,
      ),
      http.get(INDEX, ({ request }) => {
        requested.push(new URL(request.url).pathname);
        return HttpResponse.json(regionIndex);
      }),
      http.get(`${PRICING}${EU_FILE}`, ({ request }) => {
        requested.push(new URL(request.url).pathname);
        return chunked(JSON.stringify(euWest1, null, 2));
      }),
    );

    const prices = await source().fetchInstancePrices({
      regions: ['eu-west-1'],
    });

    expect(requested).toEqual([new URL(INDEX).pathname, EU_FILE]);
    expect(prices.warnings).toBeUndefined();
    expect(prices.source).toContain(
      'AWS Savings Plans price list (AWSComputeSavingsPlan, No Upfront)',
    );
    expect(prices.rows).toEqual([
      expect.objectContaining({
        name: 'm5.large',
        hourlyPrice: 0.107,
        commit1yHourly: 0.067,
        commit3yHourly: 0.046,
        savingsPlan1yHourly: 0.0782,
        savingsPlan3yHourly: 0.0547,
      }),
      expect.objectContaining({
        name: 'm7g.xlarge',
        hourlyPrice: 0.1784,
        savingsPlan1yHourly: 0.1302,
        savingsPlan3yHourly: 0.0922,
      }),
    ]);
    expect(prices.rows[1].commit1yHourly).toBeUndefined();
  });

  it('keeps the reservation prices with a warning when the Savings Plans price list fails', async () => {
    server.use(
      http.post(
        'https://api.pricing.us-east-1.amazonaws.com/',
        getProductsReply,
      ),
      http.get(INDEX, () =>
        HttpResponse.xml('<Error><Code>AccessDenied</Code></Error>', {
          status: 403,
        }),
      ),
    );
    const warn = jest.fn();
    const withLogger = source({ warn });

    const prices = await withLogger.fetchInstancePrices({
      regions: ['eu-west-1'],
    });

    expect(prices.rows[0]).toMatchObject({
      commit1yHourly: 0.067,
      commit3yHourly: 0.046,
    });
    expect(prices.rows[0].savingsPlan1yHourly).toBeUndefined();
    expect(prices.warnings).toEqual([
      expect.stringMatching(
        /^AWS Savings Plans price list could not be read.*403/,
      ),
    ]);
    expect(prices.source).toMatch(
      /reservations\); the AWS Savings Plans price list could not be read, savings plans at the shipped discounts$/,
    );
    expect(warn).toHaveBeenCalledWith(prices.warnings![0]);
  });
});

describe('JsonPathScanner', () => {
  it('hands over the values at the selected paths whatever the chunking, escapes included', () => {
    const doc = JSON.stringify({
      a: { 'b"x': [1, 2], b: [{ c: 'q\\"}{[', d: [1, { e: 2 }] }, { c: 'r' }] },
      b: [{ c: 'not selected' }],
    });
    for (const size of [1, 2, 3, 5, 64]) {
      const found: ScannedValue[] = [];
      const scanner = new JsonPathScanner(new Set(['a.b.*', 'a.b.*.c']), v =>
        found.push(v),
      );
      for (let i = 0; i < doc.length; i += size)
        scanner.write(doc.slice(i, i + size));
      expect(found).toEqual([
        {
          path: 'a.b.*',
          value: { c: 'q\\"}{[', d: [1, { e: 2 }] },
          indexes: [0],
        },
        { path: 'a.b.*', value: { c: 'r' }, indexes: [1] },
      ]);
    }
  });
});
