import type { Optimization } from '@sirsi-nexus/plugin-migration-common';
import type { OptimizationResource } from '../optimizationResources';
import { isNonProduction, isStateless } from '../resourceTags';
import { impactOf, money, type RecommendContext } from './recommendContext';

const COMMIT_NAMES: Record<string, string> = {
  aws: 'Compute Savings Plans or Reserved Instances',
  azure: 'Azure Reservations or a savings plan for compute',
  gcp: 'committed use discounts',
};

/**
 * Commitments for steady production machines. The baseline is the compute after rightsizing, so
 * the two savings add up without overlap.
 */
export function commitmentRecommendations(
  vms: readonly OptimizationResource[],
  rightsizing: readonly Optimization[],
  ctx: RecommendContext,
): Optimization[] {
  const { pricing, currency } = ctx;
  const steady = vms.filter(
    r =>
      r.compute &&
      r.compute.onDemand > 0 &&
      !isNonProduction(r) &&
      !isStateless(r),
  );
  if (!steady.length) return [];
  const after = (r: OptimizationResource) => {
    const resized = rightsizing.find(o => o.id === `rightsizing.${r.id}`);
    return resized
      ? Number(resized.metrics.suggestedHourly) * ctx.hoursPerMonth
      : r.compute!.onDemand;
  };
  const share = (r: OptimizationResource, commit: number) =>
    (r.compute!.onDemand - commit) / r.compute!.onDemand;
  const onDemand = steady.reduce((s, r) => s + after(r), 0);
  const oneYear = steady.reduce(
    (s, r) => s + after(r) * share(r, r.compute!.commit1y),
    0,
  );
  const threeYear = steady.reduce(
    (s, r) => s + after(r) * share(r, r.compute!.commit3y),
    0,
  );
  if (oneYear <= 0) return [];
  return [
    {
      id: 'commitment.compute',
      category: 'cost',
      type: 'commitment',
      impact: impactOf(oneYear, onDemand),
      title: `Commit to the steady compute of ${steady.length} machine(s)`,
      recommendation: `${steady
        .map(r => r.name)
        .join(', ')} run around the clock in production. ${
        COMMIT_NAMES[ctx.target.provider] ?? 'Commitments'
      } for this baseline save ${money(
        oneYear,
      )} ${currency}/month over 1 year or ${money(
        threeYear,
      )} ${currency}/month over 3 years${
        pricing ? ` (${pricing.commitmentDiscounts.basis})` : ''
      }. Commit after a few weeks at the target, once rightsizing has settled.`,
      metrics: {
        machines: steady.length,
        onDemandMonthly: money(onDemand),
        savings1yMonthly: money(oneYear),
        savings3yMonthly: money(threeYear),
      },
      estimatedMonthlySavings: money(oneYear),
      currency,
      automationCapable: false,
      source: 'rules',
    },
  ];
}
