import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { commitmentPricingOf } from './cost/commitmentPricing';
import type { RegionPricing } from './pricing/RegionPricing';
import type { OsLifecycleTable } from './risk/osLifecycle';
import type { AssessmentSettings } from './settings';

/**
 * The settings and tables an assessment ran on, recorded with it so every figure can be
 * reproduced.
 */
export function assessmentInputs(
  settings: AssessmentSettings,
  pricing: RegionPricing,
  osLifecycle: OsLifecycleTable,
  now: Date,
): Assessment['inputs'] {
  const currentCost = settings.currentCost;
  return {
    currency: pricing.currency,
    hoursPerMonth: pricing.hoursPerMonth,
    comfortFactor: settings.comfortFactor,
    minVcpus: settings.minVcpus,
    minMemoryGiB: settings.minMemoryGiB,
    maxWaveSize: settings.maxWaveSize,
    sharedServiceMinFanIn: settings.sharedServiceMinFanIn,
    bandwidthMbps: settings.bandwidthMbps,
    cutover: { ...settings.cutover },
    priceCatalog: {
      provider: pricing.provider,
      region: pricing.region,
      asOf: pricing.asOf,
      source: pricing.source,
      ...(pricing.overrideFile ? { overrideFile: pricing.overrideFile } : {}),
      origin: pricing.origin,
      ...(pricing.fetchedAt ? { fetchedAt: pricing.fetchedAt } : {}),
      instanceTypes: pricing.instances.length,
    },
    commitmentDiscounts: { ...pricing.commitmentDiscounts },
    windowsLicensePerVcpuHour: pricing.windowsLicensePerVcpuHour,
    commitmentTerm: settings.commitmentTerm,
    commitmentType: settings.commitmentType,
    ...(pricing.savingsPlanDiscounts
      ? { savingsPlanDiscounts: { ...pricing.savingsPlanDiscounts } }
      : {}),
    commitmentPricing: commitmentPricingOf(pricing, settings.commitmentType),
    hybridBenefit: settings.hybridBenefit,
    ...(currentCost ? { currentCost: { ...currentCost } } : {}),
    osLifecycleAsOf: osLifecycle.asOf,
    evaluatedAt: now.toISOString(),
  };
}
