import type {
  AssessmentCostSummary,
  AssessmentDiskMapping,
  AssessmentResourceCost,
  AssessmentSizing,
  CommitmentAmounts,
  CommitmentType,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing } from '../pricing/RegionPricing';
import type { AssessmentSettings } from '../settings';
import { commitmentPricingOf } from './commitmentPricing';
import { round } from '../util/numbers';

/**
 * Per region and commitment type: the discounts, and the compute amounts per hourly price — a
 * few dozen instance types for 100,000 machines, so one frozen object per type.
 */
interface ComputePrices {
  oneYear: number;
  threeYear: number;
  byHourlyPrice: Map<number, CommitmentAmounts>;
}
const computePrices = new WeakMap<
  RegionPricing,
  Map<CommitmentType, ComputePrices>
>();

function computeOf(
  pricing: RegionPricing,
  type: CommitmentType,
  hourlyPrice: number,
): CommitmentAmounts {
  let byType = computePrices.get(pricing);
  if (!byType) {
    byType = new Map();
    computePrices.set(pricing, byType);
  }
  let prices = byType.get(type);
  if (!prices) {
    const { oneYear, threeYear } = commitmentPricingOf(pricing, type);
    prices = { oneYear, threeYear, byHourlyPrice: new Map() };
    byType.set(type, prices);
  }
  let compute = prices.byHourlyPrice.get(hourlyPrice);
  if (!compute) {
    const onDemand = hourlyPrice * pricing.hoursPerMonth;
    compute = Object.freeze({
      onDemand: round(onDemand, 2),
      commit1y: round(onDemand * (1 - prices.oneYear), 2),
      commit3y: round(onDemand * (1 - prices.threeYear), 2),
    });
    prices.byHourlyPrice.set(hourlyPrice, compute);
  }
  return compute;
}

/**
 * Monthly cost of one resource on the target:
 * compute = hourly price × hours per month, with 1y/3y = compute × (1 − discount), the discount
 * of the chosen commitment type (reservation or savings plan, see `commitmentPricingOf`);
 * license = hourly license × hours per month (never discounted);
 * storage = Σ disk monthly prices (+ object storage for buckets);
 * total = compute + license + storage.
 */
export function costResource(
  resource: DiscoveredResource,
  sizing: AssessmentSizing | undefined,
  disks: AssessmentDiskMapping[],
  pricing: RegionPricing,
  settings: AssessmentSettings,
  options: { objectStorageGiB?: number; currentDiskGiB: number },
): AssessmentResourceCost {
  const hours = pricing.hoursPerMonth;
  const compute = computeOf(
    pricing,
    settings.commitmentType,
    sizing ? sizing.hourlyPrice : 0,
  );
  const license = round(sizing ? sizing.hourlyLicensePrice * hours : 0, 2);
  let diskTotal = 0;
  for (let k = 0; k < disks.length; k++) diskTotal += disks[k].monthlyPrice;
  let storage = round(diskTotal, 2);
  if (options.objectStorageGiB && pricing.objectStorage) {
    storage = round(
      storage + options.objectStorageGiB * pricing.objectStorage.perGiBMonth,
      2,
    );
  }
  const cost: AssessmentResourceCost = {
    compute,
    license,
    storage,
    total: {
      onDemand: round(compute.onDemand + license + storage, 2),
      commit1y: round(compute.commit1y + license + storage, 2),
      commit3y: round(compute.commit3y + license + storage, 2),
    },
    included: true,
  };
  const rates = settings.currentCost;
  if (rates) {
    const vcpus = resource.specs.vcpus ?? 0;
    const memoryGiB = (resource.specs.memoryMiB ?? 0) / 1024;
    cost.current = round(
      vcpus * rates.perVcpuMonth +
        memoryGiB * rates.perGiBMemoryMonth +
        options.currentDiskGiB * rates.perGiBDiskMonth,
      2,
    );
  }
  return cost;
}

/**
 * Sums resource costs into a summary. Only costs marked `included` count towards the target
 * (retired and retained resources do not move); the current cost counts every resource except
 * retained ones (a retired machine's current cost is saved too).
 */
export function summarizeCosts(
  items: ReadonlyArray<{ cost?: AssessmentResourceCost; strategy: string }>,
  currency: string,
  withCurrent: boolean,
): AssessmentCostSummary {
  // One pass, no per-figure lists: the sums are rounded once, as sumMoney does.
  const t = [0, 0, 0, 0, 0, 0, 0, 0];
  let current = 0;
  for (let i = 0; i < items.length; i++) {
    const { cost, strategy } = items[i];
    if (!cost) continue;
    if (cost.included) {
      t[0] += cost.compute.onDemand;
      t[1] += cost.compute.commit1y;
      t[2] += cost.compute.commit3y;
      t[3] += cost.license;
      t[4] += cost.storage;
      t[5] += cost.total.onDemand;
      t[6] += cost.total.commit1y;
      t[7] += cost.total.commit3y;
    }
    if (strategy !== 'retain' && cost.current !== undefined) {
      current += cost.current;
    }
  }
  const summary: AssessmentCostSummary = {
    currency,
    compute: {
      onDemand: round(t[0], 2),
      commit1y: round(t[1], 2),
      commit3y: round(t[2], 2),
    },
    license: round(t[3], 2),
    storage: round(t[4], 2),
    total: {
      onDemand: round(t[5], 2),
      commit1y: round(t[6], 2),
      commit3y: round(t[7], 2),
    },
  };
  if (withCurrent) {
    summary.current = round(current, 2);
    summary.savings = {
      onDemand: round(summary.current - summary.total.onDemand, 2),
      commit1y: round(summary.current - summary.total.commit1y, 2),
      commit3y: round(summary.current - summary.total.commit3y, 2),
    };
  }
  return summary;
}
