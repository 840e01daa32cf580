import type {
  Assessment,
  MigrationReport,
  OptimizationReport,
} from '@sirsi-nexus/plugin-migration-common';

function sourceOf(assessment: Assessment | undefined): string {
  if (!assessment?.cost) return 'No assessment with costs was stored';
  return `Assessment of ${
    assessment.generatedAt
  }: target on-demand prices from the ${
    assessment.inputs.priceCatalog?.source ?? 'price catalog'
  }${
    assessment.cost.current === undefined
      ? '; no current cost was configured (migration.assessment.currentCost)'
      : ''
  }`;
}

/** Monthly cost before and after the move, and the savings the optimiser still sees. */
export function reportCosts(
  assessment: Assessment | undefined,
  optimization: OptimizationReport | undefined,
): MigrationReport['costs'] {
  const cost = assessment?.cost;
  const after = cost?.total.onDemand;
  const before = cost?.current;
  return {
    currency: cost?.currency ?? optimization?.currency ?? 'USD',
    beforeMonthly: before,
    afterMonthly: after,
    deltaMonthly:
      before !== undefined && after !== undefined ? after - before : undefined,
    recommendedSavingsMonthly: optimization?.totalEstimatedMonthlySavings,
    source: sourceOf(assessment),
  };
}
