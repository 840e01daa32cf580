import type {
  BusinessCase,
  BusinessCaseYear,
} from '@sirsi-nexus/plugin-migration-common';
import { round } from '../util/numbers';

/** The monthly run rates and the one-off cost a cash flow is projected from. */
export interface CashFlowInput {
  onPremMonthly: number;
  cloudMonthly: number;
  oneOff: number;
}

const YEARS = 5;

/**
 * Year-by-year cash flow over five years: on-prem run cost against cloud run cost plus the
 * one-off migration cost, paid in year 1. Run rates are flat (no growth, no price changes).
 */
export function cashFlowYears(input: CashFlowInput): BusinessCaseYear[] {
  const years: BusinessCaseYear[] = [];
  let cumulativeOnPrem = 0;
  let cumulativeCloud = 0;
  for (let year = 1; year <= YEARS; year++) {
    const onPrem = round(input.onPremMonthly * 12, 2);
    const cloud = round(input.cloudMonthly * 12, 2);
    const oneOff = year === 1 ? round(input.oneOff, 2) : 0;
    cumulativeOnPrem = round(cumulativeOnPrem + onPrem, 2);
    cumulativeCloud = round(cumulativeCloud + cloud + oneOff, 2);
    years.push({
      year,
      onPrem,
      cloud,
      oneOff,
      netCashFlow: round(onPrem - cloud - oneOff, 2),
      cumulativeOnPrem,
      cumulativeCloud,
      cumulativeSavings: round(cumulativeOnPrem - cumulativeCloud, 2),
    });
  }
  return years;
}

/** Totals over one, three and five years. */
export function horizons(
  years: readonly BusinessCaseYear[],
): BusinessCase['horizons'] {
  return ([1, 3, 5] as const).map(n => {
    const y = years[n - 1];
    return {
      years: n,
      onPrem: y.cumulativeOnPrem,
      cloud: y.cumulativeCloud,
      savings: y.cumulativeSavings,
    };
  });
}

/**
 * The first month in which the cumulative cloud cost (one-off included) is no higher than the
 * cumulative on-prem cost: ⌈one-off ÷ (on-prem − cloud) per month⌉, at least month 1. Undefined
 * when the cloud does not cost less per month, or the month is beyond the five years.
 */
export function breakEven(input: CashFlowInput): BusinessCase['breakEven'] {
  const monthlySaving = round(input.onPremMonthly - input.cloudMonthly, 2);
  if (monthlySaving < 0) return undefined;
  if (monthlySaving === 0 && input.oneOff > 0) return undefined;
  const months =
    input.oneOff <= 0
      ? 1
      : Math.max(1, Math.ceil(round(input.oneOff / monthlySaving, 6)));
  if (months > YEARS * 12) return undefined;
  return { month: months, year: Math.ceil(months / 12) };
}
