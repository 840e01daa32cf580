import type {
  MigrationTarget,
  Optimization,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing } from '../../assessment/pricing/RegionPricing';

/** What every optimisation rule reads besides the resources. */
export interface RecommendContext {
  target: MigrationTarget;
  /** Prices of the target region, when known. */
  pricing?: RegionPricing;
  hoursPerMonth: number;
  currency: string;
  /** Headroom over the P95 when rightsizing. */
  comfortFactor: number;
  /** Hours per week a non-production schedule keeps machines on. */
  scheduleHoursPerWeek: number;
}

/** An amount rounded to cents. */
export const money = (n: number) => Math.round(n * 100) / 100;

/** High from 40 % of the base saved, medium from 15 %. */
export function impactOf(saving: number, base: number): Optimization['impact'] {
  const share = base > 0 ? saving / base : 0;
  if (share >= 0.4) return 'high';
  return share >= 0.15 ? 'medium' : 'low';
}
