import type {
  Assessment,
  AssessmentComplianceCheck,
  AssessmentResource,
  AssessmentRiskFactor,
  ComplianceProfile,
  RiskTolerance,
} from '@sirsi-nexus/plugin-migration-common';
import { riskLevel } from './assessRisk';
import { RISK_POINTS } from './riskFactor';

/** Migration score = 0.6 × highest resource score + 0.4 × mean, plus migration-wide factors. */
const SCORE_FORMULA =
  'min(100, round(0.6 × max(resource scores) + 0.4 × mean(resource scores)) + Σ migration-wide factor points)';

/**
 * Highest acceptable resource score per risk tolerance.
 *
 * @public
 */
export const RISK_TOLERANCE_MAX_SCORE = {
  low: 30,
  medium: 60,
  high: 80,
} as const satisfies Record<RiskTolerance, number>;

/** What {@link migrationRisk} reads. */
export interface MigrationRiskInput {
  items: readonly AssessmentResource[];
  checks: readonly AssessmentComplianceCheck[];
  profile: ComplianceProfile;
  tolerance?: RiskTolerance;
}

/** Factors that concern the whole migration rather than one resource. */
function migrationFactors(
  checks: readonly AssessmentComplianceCheck[],
  profile: ComplianceProfile,
): AssessmentRiskFactor[] {
  const regionResidency = checks.find(c => c.id === 'residency');
  if (regionResidency?.status !== 'fail') return [];
  return [
    {
      id: 'data-residency-conflict',
      title: `Target region outside the ${profile.toUpperCase()} residency area`,
      points: RISK_POINTS['data-residency-conflict'],
      detail: regionResidency.message,
      mitigation: regionResidency.remediation ?? 'Choose a compliant region.',
    },
  ];
}

/**
 * The migration's risk: the resource scores (attached disks excepted) combined by the score
 * formula plus migration-wide factors, and the resources over the requested tolerance.
 */
export function migrationRisk(input: MigrationRiskInput): Assessment['risk'] {
  const { tolerance } = input;
  const scored = input.items.filter(item => !item.attachedTo);
  const scores = scored.map(item => item.risk.score);
  const max = scores.reduce((m, v) => (v > m ? v : m), 0);
  const mean = scores.length
    ? scores.reduce((a, b) => a + b, 0) / scores.length
    : 0;
  const factors = migrationFactors(input.checks, input.profile);
  const score = Math.min(
    100,
    Math.round(0.6 * max + 0.4 * mean) +
      factors.reduce((s, f) => s + f.points, 0),
  );
  return {
    score,
    level: riskLevel(score),
    formula: SCORE_FORMULA,
    factors,
    ...(tolerance
      ? {
          tolerance: {
            level: tolerance,
            maxScore: RISK_TOLERANCE_MAX_SCORE[tolerance],
            exceeding: scored
              .filter(
                item => item.risk.score > RISK_TOLERANCE_MAX_SCORE[tolerance],
              )
              .map(item => item.id),
          },
        }
      : {}),
  };
}
