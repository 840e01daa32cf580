import type { Optimization } from '@sirsi-nexus/plugin-migration-common';
import type { OptimizationResource } from '../optimizationResources';
import { isNonProduction, isStateless } from '../resourceTags';
import { impactOf, money, type RecommendContext } from './recommendContext';

const SPOT_NAMES: Record<string, string> = {
  aws: 'EC2 Spot Instances',
  azure: 'Azure Spot Virtual Machines',
  gcp: 'Spot (preemptible) VMs',
};

/** Off-hours schedules for machines tagged as non-production. */
export function scheduleRecommendations(
  vms: readonly OptimizationResource[],
  ctx: RecommendContext,
): Optimization[] {
  const onHours = ctx.scheduleHoursPerWeek;
  const recommendations: Optimization[] = [];
  for (const r of vms.filter(isNonProduction)) {
    if (!r.compute) continue;
    const saving = r.compute.onDemand * (1 - onHours / 168);
    recommendations.push({
      id: `schedule.${r.id}`,
      category: 'cost',
      type: 'schedule',
      impact: impactOf(saving, r.compute.onDemand),
      title: `Stop ${r.name} outside working hours`,
      recommendation: `${
        r.name
      } is tagged as non-production. Running it ${onHours} h a week (e.g. 07:00–19:00 on weekdays) instead of 168 h cuts its compute bill by ${Math.round(
        (1 - onHours / 168) * 100,
      )}%.`,
      resource: r.name,
      metrics: {
        onDemandMonthly: money(r.compute.onDemand),
        hoursPerWeek: onHours,
      },
      estimatedMonthlySavings: money(saving),
      currency: ctx.currency,
      automationCapable: true,
      source: 'rules',
    });
  }
  return recommendations;
}

/** Spot / preemptible capacity for stateless tiers (non-production ones are scheduled instead). */
export function spotRecommendations(
  vms: readonly OptimizationResource[],
  ctx: RecommendContext,
): Optimization[] {
  return vms
    .filter(r => isStateless(r) && !isNonProduction(r))
    .map(
      (r): Optimization => ({
        id: `spot.${r.id}`,
        category: 'cost',
        type: 'spot',
        impact: 'medium',
        title: `Run ${r.name} on ${
          SPOT_NAMES[ctx.target.provider] ?? 'spot capacity'
        }`,
        recommendation: `${r.name} is tagged as a stateless tier. Behind an autoscaling group with a mix of on-demand and spot capacity it tolerates interruptions; spot prices change with demand, so the saving is not estimated here.`,
        resource: r.name,
        metrics: {
          onDemandMonthly: r.compute ? money(r.compute.onDemand) : 'unknown',
          instanceType: r.instanceType ?? '',
        },
        currency: ctx.currency,
        automationCapable: true,
        source: 'rules',
      }),
    );
}

/** Schedules for non-production machines, then spot capacity for stateless tiers. */
export function capacityRecommendations(
  vms: readonly OptimizationResource[],
  ctx: RecommendContext,
): Optimization[] {
  return [
    ...scheduleRecommendations(vms, ctx),
    ...spotRecommendations(vms, ctx),
  ];
}
