import type {
  FetchedInstancePrices,
  InstancePriceRow,
} from '@sirsi-nexus/plugin-migration-node';
import type { PriceCatalogDocument } from './catalogSchema';
import {
  regionPricingOf,
  type CommitmentDiscounts,
  type InstanceOffer,
  type RegionPricing,
} from './RegionPricing';

const BURSTABLE: Record<string, RegExp> = {
  aws: /^t\d/,
  azure: /^Standard_B/i,
  gcp: /^(e2-(micro|small|medium)|f1-micro|g1-small)$/,
};

const ARM64: Record<string, RegExp> = {
  aws: /^[a-z]+\d+[a-z]*g[a-z]*\./,
  azure: /^Standard_[A-Z]+\d+[a-z]*p[a-z]*_v\d/,
  gcp: /^(t2a|c4a)-/,
};

function familyOf(provider: string, name: string): string {
  if (provider === 'aws') return name.split('.')[0];
  if (provider === 'gcp') return name.split('-')[0];
  // Standard_D4s_v5 → Dsv5
  const m = /^Standard_([A-Z]+)\d+([a-z-]*)(?:_(v\d+))?$/.exec(name);
  return m ? `${m[1]}${m[2]}${m[3] ?? ''}` : name;
}

function offerOf(
  provider: string,
  row: InstancePriceRow,
  shipped: PriceCatalogDocument['instanceTypes'][number] | undefined,
): InstanceOffer | undefined {
  const vcpus = row.vcpus ?? shipped?.vcpus;
  const memoryGiB = row.memoryGiB ?? shipped?.memoryGiB;
  // A type whose shape neither the source nor the shipped catalog states cannot be sized.
  if (!vcpus || !memoryGiB) return undefined;
  const burstable = BURSTABLE[provider]?.test(row.name) ?? false;
  return {
    name: row.name,
    family: row.family ?? shipped?.family ?? familyOf(provider, row.name),
    category: shipped?.category ?? (burstable ? 'burstable' : 'general'),
    vcpus,
    memoryGiB,
    architecture:
      row.architecture ??
      shipped?.architecture ??
      (ARM64[provider]?.test(row.name) ? 'arm64' : 'x86_64'),
    hourlyPrice: row.hourlyPrice,
  };
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

type PriceOf = (r: InstancePriceRow) => number | undefined;

/**
 * The median reduction of the source's 1- and 3-year prices over the on-demand price of the
 * types priced in the region; the shipped figures when the source published none there.
 */
function discounts(
  rows: InstancePriceRow[],
  region: string,
  prices: { oneYear: PriceOf; threeYear: PriceOf; what: string },
  shipped: CommitmentDiscounts | undefined,
): CommitmentDiscounts | undefined {
  const off = (pick: PriceOf) =>
    median(
      rows
        .filter(r => r.hourlyPrice > 0 && pick(r) !== undefined)
        .map(r => 1 - pick(r)! / r.hourlyPrice),
    );
  const oneYear = off(prices.oneYear);
  const threeYear = off(prices.threeYear);
  if (oneYear === undefined || threeYear === undefined) return shipped;
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    oneYear: round(oneYear),
    threeYear: round(threeYear),
    basis: `Median reduction of the source's 1-year and 3-year ${prices.what} prices over the on-demand price of the types priced in ${region}. Applied to compute only.`,
  };
}

/**
 * The pricing of one region from a fetched catalog: instance prices (and reservation and savings
 * plan discounts when the source publishes them) from the source; license, hours per month, storage and object
 * storage from the shipped catalog of the provider, which the public instance price lists do not
 * replace. A region the shipped catalog does not price takes the storage prices of the shipped
 * catalog's first region (stated in `source`). Undefined when the fetch did not cover the region
 * or no type there has a known shape.
 */
export function fetchedRegionPricing(
  doc: PriceCatalogDocument,
  fetched: FetchedInstancePrices,
  region: string,
): RegionPricing | undefined {
  if (!fetched.regions.includes(region)) return undefined;
  const shippedTypes = new Map(doc.instanceTypes.map(t => [t.name, t]));
  const rows = fetched.rows.filter(r => r.region === region);
  const instances = rows
    .map(r => offerOf(doc.provider, r, shippedTypes.get(r.name)))
    .filter((o): o is InstanceOffer => o !== undefined)
    .sort(
      (a, b) =>
        a.hourlyPrice - b.hourlyPrice ||
        a.vcpus - b.vcpus ||
        a.memoryGiB - b.memoryGiB ||
        a.name.localeCompare(b.name),
    );
  if (instances.length === 0) return undefined;
  const storageRegion = doc.regions[region]
    ? region
    : Object.keys(doc.regions)[0];
  const base = regionPricingOf(doc, storageRegion);
  if (!base) return undefined;
  const storageNote =
    storageRegion === region
      ? ''
      : `; storage prices of ${storageRegion} (shipped catalog of ${doc.asOf})`;
  return {
    ...base,
    region,
    regionName: doc.regions[region]?.name ?? region,
    currency: fetched.currency,
    asOf: fetched.fetchedAt.slice(0, 10),
    source: `${fetched.source}${storageNote}`,
    origin: 'fetched',
    fetchedAt: fetched.fetchedAt,
    commitmentDiscounts: discounts(
      rows,
      region,
      {
        oneYear: r => r.commit1yHourly,
        threeYear: r => r.commit3yHourly,
        what: 'reservation',
      },
      doc.commitmentDiscounts,
    )!,
    ...optional(
      'savingsPlanDiscounts',
      discounts(
        rows,
        region,
        {
          oneYear: r => r.savingsPlan1yHourly,
          threeYear: r => r.savingsPlan3yHourly,
          what: 'savings plan',
        },
        doc.savingsPlanDiscounts,
      ),
    ),
    instances,
  };
}
