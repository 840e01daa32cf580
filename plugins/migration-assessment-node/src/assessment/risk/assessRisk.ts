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
 * Scores a resource from named factors, each with the input that raised it and a mitigation.
 */
export function assessRisk(
  facts: ResourceFacts,
  target: { provider: string; region: string },
  settings: AssessmentSettings,
): AssessmentRisk {
  const factors: AssessmentRiskFactor[] = [];
  for (const rule of RULES) {
    const raised = rule(facts, target, settings);
    if (raised) factors.push(raised);
  }
  const total = factors.reduce((sum, f) => sum + f.points, 0);
  const score = Math.min(100, total);
  return { score, level: riskLevel(score), factors };
}
