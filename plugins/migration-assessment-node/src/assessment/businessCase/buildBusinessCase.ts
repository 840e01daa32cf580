import {
  MIGRATION_STRATEGIES,
  type Assessment,
  type BusinessCase,
} from '@sirsi-nexus/plugin-migration-common';
import { InputError } from '@backstage/errors';
import { round, sumMoney } from '../util/numbers';
import type { AssessmentSettings } from '../settings';
import { breakEven, cashFlowYears, horizons } from './cashFlow';
import {
  cloudMonthly,
  isServer,
  ON_PREM_COST_TAG,
  onPremMonthly,
  retireCandidates,
  type CostedResource,
} from './estateCosts';
import type {
  BusinessCaseSettings,
  ResolvedBusinessCaseSettings,
} from './businessCaseSettings';

const COMMITMENT_NAMES: Record<BusinessCase['commitment'], string> = {
  onDemand: 'on-demand prices',
  commit1y: '1-year commitment prices',
  commit3y: '3-year commitment prices',
};

const TERMS: Record<string, BusinessCase['commitment']> = {
  '1y': 'commit1y',
  '3y': 'commit3y',
};

/** The commitment the assessment's totals are read at (on demand when it names none). */
function commitmentOf(assessment: Assessment): BusinessCase['commitment'] {
  return TERMS[assessment.inputs.commitmentTerm ?? 'none'] ?? 'onDemand';
}

function oneOffCosts(
  items: readonly CostedResource[],
  settings: Pick<BusinessCaseSettings, 'oneOffPerServer'>,
): BusinessCase['oneOff'] {
  const byStrategy = MIGRATION_STRATEGIES.map(strategy => {
    const servers = items.filter(
      i => isServer(i) && i.strategy.strategy === strategy,
    ).length;
    const perServer = settings.oneOffPerServer[strategy];
    return { strategy, servers, perServer, total: round(servers * perServer) };
  }).filter(s => s.servers > 0);
  return { total: sumMoney(byStrategy.map(s => s.total)), byStrategy };
}

function assumptionsOf(
  settings: ResolvedBusinessCaseSettings,
  unknown: number,
): string[] {
  const assumptions = [
    `The cloud runs at ${
      COMMITMENT_NAMES[settings.commitment]
    } from month 1; run rates stay flat over the five years (no growth, no price changes).`,
    'The one-off migration cost (per server by strategy) is paid in year 1.',
    'Retained resources stay on-prem in both scenarios and are left out of both; retired ones cost nothing in the cloud.',
    `On-prem cost: a server's own ${ON_PREM_COST_TAG} tag, else the current-cost rates plus ${settings.facilityOverheadPercent} % facility overhead and ${settings.licensePerServerMonth} per server and month of licences.`,
  ];
  if (unknown > 0) {
    assumptions.push(
      `${unknown} resource(s) have no on-prem cost (no rates, no tag) and count as 0 on-prem.`,
    );
  }
  return assumptions;
}

/**
 * The business case of an assessment with costs: on-prem against cloud over one, three and five
 * years, year by year with the one-off migration cost, the break-even month, and the servers
 * that could be retired (powered off, or CPU P95 below the threshold) with their saving. Pure:
 * the same assessment and settings give the same business case.
 *
 * @throws InputError when the assessment has no costs (the plan stage).
 * @public
 */
export function buildBusinessCase(
  assessment: Assessment,
  settings: Pick<AssessmentSettings, 'businessCase' | 'currentCost'>,
): BusinessCase {
  if (!assessment.cost) {
    throw new InputError(
      `The business case needs an assessment with costs; this one is of stage ${assessment.stage}`,
    );
  }
  const s: ResolvedBusinessCaseSettings = {
    ...settings.businessCase,
    commitment: settings.businessCase.commitment ?? commitmentOf(assessment),
  };
  const items = assessment.resources.filter(
    (r): r is CostedResource =>
      r.cost !== undefined && r.strategy.strategy !== 'retain',
  );
  const onPrem = items.map(i => onPremMonthly(i, s));
  const known = onPrem.filter(x => x !== undefined);
  const monthly = {
    onPrem: sumMoney(known.map(x => x.amount)),
    cloud: sumMoney(items.map(i => cloudMonthly(i, s.commitment))),
  };
  const oneOff = oneOffCosts(items, s);
  const flow = {
    onPremMonthly: monthly.onPrem,
    cloudMonthly: monthly.cloud,
    oneOff: oneOff.total,
  };
  const years = cashFlowYears(flow);
  const candidates = retireCandidates(items, s);
  const complete = known.length > 0;
  return {
    schemaVersion: 1,
    generatedAt: assessment.generatedAt,
    currency: assessment.cost.currency,
    status: complete ? 'complete' : 'no-on-prem-cost',
    ...(complete
      ? {}
      : {
          reason: `No on-prem cost is known: configure migration.assessment.currentCost or tag servers with ${ON_PREM_COST_TAG}.`,
        }),
    commitment: s.commitment,
    inputs: {
      ...(settings.currentCost
        ? { onPremRates: { ...settings.currentCost } }
        : {}),
      facilityOverheadPercent: s.facilityOverheadPercent,
      licensePerServerMonth: s.licensePerServerMonth,
      idleCpuP95Percent: s.idleCpuP95Percent,
      oneOffPerServer: { ...s.oneOffPerServer },
      serversWithOwnCost: known.filter(x => x.own).length,
    },
    monthly,
    oneOff,
    years,
    horizons: horizons(years),
    ...(complete ? { breakEven: breakEven(flow) } : {}),
    retireCandidates: candidates,
    retireSavingMonthly: sumMoney(candidates.map(c => c.monthlySaving)),
    assumptions: assumptionsOf(s, items.length - known.length),
  };
}
