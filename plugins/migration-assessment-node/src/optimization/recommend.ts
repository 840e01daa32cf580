import type {
  MigrationTarget,
  Optimization,
  OptimizationReport,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing } from '../assessment/pricing/RegionPricing';
import type { CarbonData } from './carbon';
import type { OptimizationResource } from './optimizationResources';
import { capacityRecommendations } from './rules/capacity';
import { carbonRecommendations } from './rules/carbonRecommendations';
import { commitmentRecommendations } from './rules/commitments';
import { money, type RecommendContext } from './rules/recommendContext';
import { rightsizingRecommendations } from './rules/rightsizing';
import { storageRecommendations } from './rules/storageTiering';

/**
 * Options of {@link recommendOptimizations}.
 *
 * @public
 */
export interface RecommendOptions {
  target: MigrationTarget;
  resources: OptimizationResource[];
  /** Prices of the target region, for rightsizing and storage tiering amounts. */
  pricing?: RegionPricing;
  carbon?: CarbonData;
  /** Headroom over the P95 when rightsizing (default 1.25). */
  comfortFactor?: number;
  /** Hours per week a non-production schedule keeps machines on (default 60: 12 h × 5 days). */
  scheduleHoursPerWeek?: number;
  now?: Date;
}

const IMPACT_ORDER = { high: 0, medium: 1, low: 2 };

/** Positive monthly savings of the cost recommendations. */
function totalSavings(recommendations: readonly Optimization[]): number {
  return recommendations.reduce(
    (s, r) =>
      s +
      (r.category === 'cost' &&
      r.estimatedMonthlySavings &&
      r.estimatedMonthlySavings > 0
        ? r.estimatedMonthlySavings
        : 0),
    0,
  );
}

/**
 * Recommends cost, performance and sustainability improvements for the migrated resources:
 * rightsizing from post-migration utilization, commitments for steady production machines,
 * Spot/preemptible capacity for stateless tiers, off-hours schedules for non-production, storage
 * tiering, and the Cloud Carbon Footprint estimate.
 *
 * @public
 */
export function recommendOptimizations(
  options: RecommendOptions,
): OptimizationReport {
  const ctx: RecommendContext = {
    target: options.target,
    pricing: options.pricing,
    hoursPerMonth: options.pricing?.hoursPerMonth ?? 730,
    currency: options.pricing?.currency ?? 'USD',
    comfortFactor: options.comfortFactor ?? 1.25,
    scheduleHoursPerWeek: options.scheduleHoursPerWeek ?? 60,
  };
  const running = options.resources.filter(r => r.migrated);
  const vms = running.filter(r => r.kind === 'vm');
  const rightsizing = rightsizingRecommendations(vms, ctx);
  const carbon = carbonRecommendations(vms, options.carbon, ctx);
  const recommendations = [
    ...rightsizing.recommendations,
    ...capacityRecommendations(vms, ctx),
    ...commitmentRecommendations(vms, rightsizing.recommendations, ctx),
    ...storageRecommendations(running, ctx),
    ...carbon.recommendations,
  ];
  const total = totalSavings(recommendations);
  recommendations.sort(
    (a, b) => IMPACT_ORDER[a.impact] - IMPACT_ORDER[b.impact],
  );
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    recommendations,
    carbon: carbon.carbon,
    totalEstimatedMonthlySavings: money(total),
    currency: ctx.currency,
    notes: [...rightsizing.notes, ...carbon.notes],
  };
}
