import type {
  AssessmentCostSummary,
  AssessmentDiskMapping,
  AssessmentResourceCost,
  AssessmentSizing,
  CommitmentAmounts,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing } from '../pricing/RegionPricing';
import type { AssessmentSettings } from '../settings';
import { commitmentPricingOf } from './commitmentPricing';
import { round, sumMoney } from '../util/numbers';

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
  const { oneYear, threeYear } = commitmentPricingOf(
    pricing,
    settings.commitmentType,
  );
  const computeOnDemand = sizing ? sizing.hourlyPrice * hours : 0;
  const compute: CommitmentAmounts = {
    onDemand: round(computeOnDemand, 2),
    commit1y: round(computeOnDemand * (1 - oneYear), 2),
    commit3y: round(computeOnDemand * (1 - threeYear), 2),
  };
  const license = round(sizing ? sizing.hourlyLicensePrice * hours : 0, 2);
  let storage = sumMoney(disks.map(d => d.monthlyPrice));
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
  items: Array<{ cost?: AssessmentResourceCost; strategy: string }>,
  currency: string,
  withCurrent: boolean,
): AssessmentCostSummary {
  const moving = items.filter(i => i.cost?.included).map(i => i.cost!);
  const sum = (pick: (c: AssessmentResourceCost) => number) =>
    sumMoney(moving.map(pick));
  const summary: AssessmentCostSummary = {
    currency,
    compute: {
      onDemand: sum(c => c.compute.onDemand),
      commit1y: sum(c => c.compute.commit1y),
      commit3y: sum(c => c.compute.commit3y),
    },
    license: sum(c => c.license),
    storage: sum(c => c.storage),
    total: {
      onDemand: sum(c => c.total.onDemand),
      commit1y: sum(c => c.total.commit1y),
      commit3y: sum(c => c.total.commit3y),
    },
  };
  if (withCurrent) {
    const current = sumMoney(
      items
        .filter(i => i.strategy !== 'retain' && i.cost?.current !== undefined)
        .map(i => i.cost!.current!),
    );
    summary.current = current;
    summary.savings = {
      onDemand: round(current - summary.total.onDemand, 2),
      commit1y: round(current - summary.total.commit1y, 2),
      commit3y: round(current - summary.total.commit3y, 2),
    };
  }
  return summary;
}
