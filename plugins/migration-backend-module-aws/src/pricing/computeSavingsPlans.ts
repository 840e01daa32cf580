import { ResponseError } from '@backstage/errors';
import { JsonPathScanner } from './jsonPathScanner';

/** Where the public Savings Plans price list is published. */
export const SAVINGS_PLANS_BASE_URL = 'https://pricing.us-east-1.amazonaws.com';
const REGION_INDEX =
  '/savingsPlan/v1.0/aws/AWSComputeSavingsPlan/current/region_index.json';

/** The hourly Compute Savings Plan prices of one instance type. */
export interface SavingsPlanHourly {
  y1?: number;
  y3?: number;
}

interface SavingsPlanProduct {
  sku?: string;
  productFamily?: string;
  attributes?: { purchaseOption?: string; purchaseTerm?: string };
}

interface SavingsPlanRate {
  discountedUsageType?: string;
  discountedOperation?: string;
  rateCode?: string;
  discountedRate?: { price?: string; currency?: string };
}

interface Collected {
  products: Map<string, SavingsPlanProduct>;
  planSkus: Map<number, string>;
  planYears: Map<number, number>;
  rates: Array<{ plan: number; type: string; price: number; code?: string }>;
}

// `BoxUsage:m5.large` in us-east-1, `EU-BoxUsage:m5.large` elsewhere: shared tenancy only
// (`DedicatedUsage`, `HostBoxUsage` are other tenancies).
const SHARED_USAGE = /(?:^|-)BoxUsage:(.+)$/;

const PATHS = new Set([
  'products.*',
  'terms.savingsPlan.*.sku',
  'terms.savingsPlan.*.leaseContractLength',
  'terms.savingsPlan.*.rates.*',
]);

/** Keeps what the join needs: the products, each plan's sku and length, Linux shared rates. */
function collector(into: Collected) {
  return ({
    path,
    value,
    indexes,
  }: {
    path: string;
    value: unknown;
    indexes: number[];
  }) => {
    if (path === 'products.*') {
      const product = value as SavingsPlanProduct;
      if (product.sku) into.products.set(product.sku, product);
    } else if (path === 'terms.savingsPlan.*.sku') {
      into.planSkus.set(indexes[0], String(value));
    } else if (path === 'terms.savingsPlan.*.leaseContractLength') {
      const lease = value as { duration?: number; unit?: string };
      if (lease.unit === 'year' && lease.duration) {
        into.planYears.set(indexes[0], Number(lease.duration));
      }
    } else {
      const rate = value as SavingsPlanRate;
      // `RunInstances` is Linux/UNIX; Windows, RHEL and SUSE carry a suffix (`RunInstances:0002`).
      if (rate.discountedOperation !== 'RunInstances') return;
      const type = SHARED_USAGE.exec(rate.discountedUsageType ?? '')?.[1];
      const price = Number(rate.discountedRate?.price);
      if (!type || !Number.isFinite(price) || price <= 0) return;
      into.rates.push({ plan: indexes[0], type, price, code: rate.rateCode });
    }
  };
}

/**
 * The Compute Savings Plan, No Upfront prices of one region's file, by instance type. A rate
 * belongs to the plan it is listed under (its `rateCode` starts with the plan's sku too); the
 * plan's product says the family (`ComputeSavingsPlans`, not EC2 Instance Savings Plans) and the
 * purchase option; the term is the plan's `leaseContractLength`, else the product's `purchaseTerm`.
 */
function pricesOf(collected: Collected): Map<string, SavingsPlanHourly> {
  const prices = new Map<string, SavingsPlanHourly>();
  for (const rate of collected.rates) {
    const sku =
      collected.planSkus.get(rate.plan) ?? rate.code?.split('.')[0] ?? '';
    const product = collected.products.get(sku);
    if (product?.productFamily !== 'ComputeSavingsPlans') continue;
    if (product.attributes?.purchaseOption !== 'No Upfront') continue;
    const years =
      collected.planYears.get(rate.plan) ??
      Number(/^(\d)yr$/.exec(product.attributes?.purchaseTerm ?? '')?.[1]);
    if (years !== 1 && years !== 3) continue;
    const known = prices.get(rate.type) ?? {};
    if (years === 1) known.y1 = rate.price;
    else known.y3 = rate.price;
    prices.set(rate.type, known);
  }
  return prices;
}

async function get(
  url: string,
  fetchFn: typeof fetch,
  signal?: AbortSignal,
): Promise<Response> {
  const response = await fetchFn(url, { signal });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return response;
}

/** Streams one region's file through the scanner (the files run to tens of megabytes). */
async function readRegionFile(
  response: Response,
): Promise<Map<string, SavingsPlanHourly>> {
  const collected: Collected = {
    products: new Map(),
    planSkus: new Map(),
    planYears: new Map(),
    rates: [],
  };
  const scanner = new JsonPathScanner(PATHS, collector(collected));
  const decoder = new TextDecoder();
  if (response.body) {
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      scanner.write(decoder.decode(chunk, { stream: true }));
    }
  }
  scanner.write(decoder.decode());
  return pricesOf(collected);
}

/**
 * Reads the AWS Compute Savings Plans price list (the public offer files, no credentials):
 * `region_index.json`, then the file of each wanted region it lists, keeping the 1- and 3-year No
 * Upfront prices of Linux, shared-tenancy instance usage. Returns them by `region/instanceType`;
 * a region the index does not list has none.
 *
 * @throws ResponseError when a file cannot be read.
 */
export async function readComputeSavingsPlans(options: {
  regions: string[];
  baseUrl?: string;
  fetchFn?: typeof fetch;
  signal?: AbortSignal;
}): Promise<Map<string, SavingsPlanHourly>> {
  const base = options.baseUrl ?? SAVINGS_PLANS_BASE_URL;
  const fetchFn = options.fetchFn ?? fetch;
  const index = (await (
    await get(`${base}${REGION_INDEX}`, fetchFn, options.signal)
  ).json()) as {
    regions?: Array<{ regionCode?: string; versionUrl?: string }>;
  };
  const urls = new Map(
    (index.regions ?? []).map(r => [r.regionCode, r.versionUrl]),
  );
  const prices = new Map<string, SavingsPlanHourly>();
  for (const region of options.regions) {
    const path = urls.get(region);
    if (!path) continue;
    const response = await get(
      new URL(path, base).toString(),
      fetchFn,
      options.signal,
    );
    for (const [type, hourly] of await readRegionFile(response)) {
      prices.set(`${region}/${type}`, hourly);
    }
  }
  return prices;
}
