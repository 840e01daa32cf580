import type { InstancePriceRow } from '@sirsi-nexus/plugin-migration-node';

interface PriceDimension {
  unit?: string;
  pricePerUnit?: Record<string, string>;
}

interface PriceTerm {
  priceDimensions?: Record<string, PriceDimension>;
  termAttributes?: Record<string, string>;
}

/** One entry of `GetProducts`' `PriceList` (a JSON string on the wire). */
export interface PriceListProduct {
  product?: { productFamily?: string; attributes?: Record<string, string> };
  terms?: {
    OnDemand?: Record<string, PriceTerm>;
    Reserved?: Record<string, PriceTerm>;
  };
}

/** The hourly USD price of a term (its `Hrs` dimension). */
function hourly(term: PriceTerm | undefined): number | undefined {
  const dimension = Object.values(term?.priceDimensions ?? {}).find(
    d => d.unit === 'Hrs',
  );
  const price = Number(dimension?.pricePerUnit?.USD);
  return Number.isFinite(price) ? price : undefined;
}

/**
 * The Standard, No Upfront reservation of a length (`1yr`/`3yr`): its hourly price is the whole
 * cost, the basis the shipped catalog's discounts are stated on too.
 */
function reserved(
  terms: PriceListProduct['terms'],
  length: '1yr' | '3yr',
): number | undefined {
  const term = Object.values(terms?.Reserved ?? {}).find(
    t =>
      t.termAttributes?.LeaseContractLength === length &&
      t.termAttributes?.OfferingClass === 'standard' &&
      t.termAttributes?.PurchaseOption === 'No Upfront',
  );
  return hourly(term);
}

/** `8 GiB`, `1,952 GiB`, `0.5 GiB` → GiB. */
function gib(memory: string | undefined): number | undefined {
  const value = Number(
    (memory ?? '').replace(/,/g, '').replace(/\s*GiB$/i, ''),
  );
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * A row from one Price List product of EC2 (Linux, shared tenancy, no pre-installed software,
 * used capacity): on-demand price, Standard No Upfront 1/3-year reservation prices and the shape
 * (vCPU, memory, Graviton → arm64). Undefined for anything that is not such an instance price.
 */
export function rowFromPriceListProduct(
  product: PriceListProduct,
): InstancePriceRow | undefined {
  const a = product.product?.attributes ?? {};
  if (!a.instanceType || !a.regionCode) return undefined;
  if (
    a.operatingSystem !== 'Linux' ||
    a.tenancy !== 'Shared' ||
    a.preInstalledSw !== 'NA' ||
    a.capacitystatus !== 'Used'
  ) {
    return undefined;
  }
  const onDemand = Object.values(product.terms?.OnDemand ?? {})
    .map(hourly)
    .find(p => p !== undefined);
  // 0 marks a type that is listed but not sold on demand in the region.
  if (!onDemand) return undefined;
  const row: InstancePriceRow = {
    name: a.instanceType,
    region: a.regionCode,
    hourlyPrice: onDemand,
    vcpus: Number(a.vcpu) || undefined,
    memoryGiB: gib(a.memory),
    family: a.instanceType.split('.')[0],
    architecture: /Graviton/i.test(a.physicalProcessor ?? '')
      ? 'arm64'
      : 'x86_64',
  };
  const y1 = reserved(product.terms, '1yr');
  const y3 = reserved(product.terms, '3yr');
  if (y1) row.commit1yHourly = y1;
  if (y3) row.commit3yHourly = y3;
  return row;
}
