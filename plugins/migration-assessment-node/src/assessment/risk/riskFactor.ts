import type {
  AssessmentRiskFactor,
  RiskFactorId,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import type { AssessmentSettings } from '../settings';
import { SharedValues } from '../util/shared';

/**
 * Points each risk factor adds to a resource's score (the score is their sum, capped at 100).
 *
 * @public
 */
export const RISK_POINTS: Readonly<Record<RiskFactorId, number>> = {
  'os-end-of-life': 30,
  'os-approaching-end-of-life': 15,
  'os-unsupported-on-target': 40,
  'disk-over-target-limit': 25,
  'high-fan-in': 15,
  'public-exposure': 15,
  'admin-port-open-to-internet': 20,
  'missing-utilization': 10,
  'licensing-windows': 5,
  'licensing-sql-server': 15,
  'data-residency-conflict': 35,
  'cyclic-dependency': 10,
  'unresolved-dependency': 10,
};

/** One risk rule: the factor it raises for a resource, or undefined when it does not apply. */
export type RiskRule = (
  facts: ResourceFacts,
  target: { provider: string; region: string },
  settings: AssessmentSettings,
) => AssessmentRiskFactor | undefined;

/** A factor with the points of its id. */
export function factor(
  id: RiskFactorId,
  title: string,
  detail: string,
  mitigation: string,
): AssessmentRiskFactor {
  return { id, title, points: RISK_POINTS[id], detail, mitigation };
}

const sharedFactors = new SharedValues<AssessmentRiskFactor>();

/**
 * A factor whose texts repeat across resources (the same OS, port list or residency tag): one
 * frozen object for all of them. Factors naming the resource's own peers use {@link factor}.
 */
export function sharedFactor(
  id: RiskFactorId,
  title: string,
  detail: string,
  mitigation: string,
): AssessmentRiskFactor {
  return sharedFactors.get(`${id}\n${title}\n${detail}\n${mitigation}`, () =>
    factor(id, title, detail, mitigation),
  );
}

/** The first few items, and how many more there are. */
export function list(items: string[], limit = 3) {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit
    ? `${shown} and ${items.length - limit} more`
    : shown;
}
