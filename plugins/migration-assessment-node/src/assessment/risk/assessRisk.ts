import type {
  AssessmentRisk,
  AssessmentRiskFactor,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import type { AssessmentSettings } from '../settings';
import {
  cyclicDependency,
  highFanIn,
  unresolvedDependency,
} from './factors/dependencyRules';
import {
  adminPortOpen,
  publicExposure,
  residencyConflict,
} from './factors/exposureRules';
import { osEndOfLife, osUnsupportedOnTarget } from './factors/lifecycleRules';
import {
  diskOverTargetLimit,
  missingUtilization,
  sqlServerLicensing,
  windowsLicensing,
} from './factors/platformRules';
import type { RiskRule } from './riskFactor';

export { RISK_POINTS } from './riskFactor';

/** Days before end of support that count as "approaching". */
export const EOL_WARNING_DAYS = 365;

/**
 * Score bands: below `medium` is low, below `high` is medium.
 *
 * @public
 */
export const RISK_LEVELS = { medium: 30, high: 60 } as const;

/** The level of a 0–100 score. @public */
export function riskLevel(score: number): AssessmentRisk['level'] {
  if (score >= RISK_LEVELS.high) return 'high';
  if (score >= RISK_LEVELS.medium) return 'medium';
  return 'low';
}

/** The rules in the order their factors are listed. */
const RULES: readonly RiskRule[] = [
  osEndOfLife,
  osUnsupportedOnTarget,
  diskOverTargetLimit,
  highFanIn,
  adminPortOpen,
  publicExposure,
  missingUtilization,
  sqlServerLicensing,
  windowsLicensing,
  residencyConflict,
  cyclicDependency,
  unresolvedDependency,
];

/**
 * Risks whose factors are all shared, by the factors in order: most resources raise the same few
 * (Windows licensing, an end-of-life OS, none at all) and share one frozen risk object.
 */
interface RiskNode {
  risk?: AssessmentRisk;
  next?: Map<AssessmentRiskFactor, RiskNode>;
}
const RISK_NODES_LIMIT = 10_000;
let sharedRisks: RiskNode = {};
let riskNodes = 0;

function riskOf(factors: readonly AssessmentRiskFactor[]): AssessmentRisk {
  let total = 0;
  for (const f of factors) total += f.points;
  const score = Math.min(100, total);
  return { score, level: riskLevel(score), factors: factors.slice() };
}

function sharedRisk(factors: readonly AssessmentRiskFactor[]): AssessmentRisk {
  if (riskNodes >= RISK_NODES_LIMIT) {
    sharedRisks = {};
    riskNodes = 0;
  }
  let node = sharedRisks;
  for (const f of factors) {
    node.next ??= new Map();
    let child = node.next.get(f);
    if (!child) {
      child = {};
      node.next.set(f, child);
      riskNodes++;
    }
    node = child;
  }
  if (!node.risk) {
    const risk = riskOf(factors);
    Object.freeze(risk.factors);
    node.risk = Object.freeze(risk);
  }
  return node.risk;
}

/** Factors raised for the resource being scored; reused, then copied into an exact-size list. */
const raisedFactors: AssessmentRiskFactor[] = [];

/**
 * Scores a resource from named factors, each with the input that raised it and a mitigation.
 */
export function assessRisk(
  facts: ResourceFacts,
  target: { provider: string; region: string },
  settings: AssessmentSettings,
): AssessmentRisk {
  const factors = raisedFactors;
  factors.length = 0;
  let allShared = true;
  for (const rule of RULES) {
    const raised = rule(facts, target, settings);
    if (raised) {
      factors.push(raised);
      if (!Object.isFrozen(raised)) allShared = false;
    }
  }
  const risk = allShared ? sharedRisk(factors) : riskOf(factors);
  factors.length = 0;
  return risk;
}
