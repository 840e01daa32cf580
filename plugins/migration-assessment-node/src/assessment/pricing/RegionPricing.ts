import type { TargetProvider } from '@sirsi-nexus/plugin-migration-common';
import type {
  PriceCatalogDocument,
  StorageClassDocument,
} from './catalogSchema';

/**
 * An instance type offered in one region, with its hourly on-demand (Linux) price.
 *
 * @public
 */
export interface InstanceOffer {
  name: string;
  family: string;
  category: string;
  vcpus: number;
  memoryGiB: number;
  architecture: 'x86_64' | 'arm64';
  hourlyPrice: number;
}

/**
 * A block storage class offered in one region with its prices there.
 *
 * @public
 */
export type StorageOffer =
  | {
      id: string;
      name: string;
      use: 'general' | 'performance';
      pricing: 'per-GiB';
      maxSizeGiB: number;
      iops: {
        baseline: number;
        perGiB: number;
        max: number;
        provisionedAboveBaseline: boolean;
      };
      perGiBMonth: number;
      perProvisionedIopsMonth: number;
    }
  | {
      id: string;
      name: string;
      use: 'general' | 'performance';
      pricing: 'tier';
      maxSizeGiB: number;
      /** Ascending by size. */
      tiers: Array<{
        name: string;
        sizeGiB: number;
        iops: number;
        monthly: number;
      }>;
    };

/**
 * Fractions taken off the on-demand compute price for 1- and 3-year commitments, with where they
 * come from.
 *
 * @public
 */
export interface CommitmentDiscounts {
  oneYear: number;
  threeYear: number;
  basis: string;
}

/**
 * Everything the sizing and costing need about one provider region, taken from a price catalog.
 *
 * @public
 */
export interface RegionPricing {
  provider: TargetProvider;
  region: string;
  regionName: string;
  currency: string;
  asOf: string;
  source: string;
  /** Set when the catalog came from `migration.assessment.catalogFile`. */
  overrideFile?: string;
  /** Shipped catalog, operator's catalog file, or the stored catalog of the price refresh. */
  origin: 'shipped' | 'file' | 'fetched';
  /** When the price source was read (origin `fetched`). */
  fetchedAt?: string;
  hoursPerMonth: number;
  windowsLicensePerVcpuHour: number;
  /** Reservation (GCP: committed use) discounts on compute. */
  commitmentDiscounts: CommitmentDiscounts;
  /** Savings plan discounts on compute; absent where the provider has none for instances (GCP). */
  savingsPlanDiscounts?: CommitmentDiscounts;
  /** Instance types offered in the region, cheapest first. */
  instances: InstanceOffer[];
  /** Block storage classes offered in the region. */
  storageClasses: StorageOffer[];
  objectStorage?: { id: string; name: string; perGiBMonth: number };
}

function storageOffer(
  doc: StorageClassDocument,
  region: string,
): StorageOffer | undefined {
  if (doc.pricing === 'per-GiB') {
    const price = doc.prices[region];
    if (!price) return undefined;
    return {
      id: doc.id,
      name: doc.name,
      use: doc.use,
      pricing: 'per-GiB',
      maxSizeGiB: doc.maxSizeGiB,
      iops: doc.iops,
      perGiBMonth: price.perGiBMonth,
      perProvisionedIopsMonth: price.perProvisionedIopsMonth ?? 0,
    };
  }
  const price = doc.prices[region];
  if (!price) return undefined;
  const tiers = doc.tiers
    .filter(t => price.tiers[t.name] !== undefined)
    .map(t => ({ ...t, monthly: price.tiers[t.name] }))
    .sort((a, b) => a.sizeGiB - b.sizeGiB);
  if (tiers.length === 0) return undefined;
  return {
    id: doc.id,
    name: doc.name,
    use: doc.use,
    pricing: 'tier',
    maxSizeGiB: Math.min(doc.maxSizeGiB, tiers[tiers.length - 1].sizeGiB),
    tiers,
  };
}

/**
 * Builds the {@link RegionPricing} of one region of a catalog, or undefined when the catalog does
 * not price that region.
 */
export function regionPricingOf(
  doc: PriceCatalogDocument,
  region: string,
  overrideFile?: string,
): RegionPricing | undefined {
  const meta = doc.regions[region];
  if (!meta) return undefined;
  const instances: InstanceOffer[] = [];
  for (const type of doc.instanceTypes) {
    const hourlyPrice = type.prices[region];
    if (hourlyPrice === undefined) continue;
    instances.push({
      name: type.name,
      family: type.family,
      category: type.category,
      vcpus: type.vcpus,
      memoryGiB: type.memoryGiB,
      architecture: type.architecture,
      hourlyPrice,
    });
  }
  instances.sort(
    (a, b) =>
      a.hourlyPrice - b.hourlyPrice ||
      a.vcpus - b.vcpus ||
      a.memoryGiB - b.memoryGiB ||
      a.name.localeCompare(b.name),
  );
  const storageClasses = doc.storageClasses
    .map(s => storageOffer(s, region))
    .filter((s): s is StorageOffer => s !== undefined);
  const objectPrice = doc.objectStorage?.prices[region];
  return {
    provider: doc.provider,
    region,
    regionName: meta.name,
    currency: doc.currency,
    asOf: doc.asOf,
    source: doc.source,
    overrideFile,
    origin: overrideFile ? 'file' : 'shipped',
    hoursPerMonth: doc.hoursPerMonth,
    windowsLicensePerVcpuHour: doc.windowsLicensePerVcpuHour,
    commitmentDiscounts: doc.commitmentDiscounts,
    ...(doc.savingsPlanDiscounts
      ? { savingsPlanDiscounts: doc.savingsPlanDiscounts }
      : {}),
    instances,
    storageClasses,
    objectStorage:
      doc.objectStorage && objectPrice
        ? {
            id: doc.objectStorage.id,
            name: doc.objectStorage.name,
            perGiBMonth: objectPrice.perGiBMonth,
          }
        : undefined,
  };
}
