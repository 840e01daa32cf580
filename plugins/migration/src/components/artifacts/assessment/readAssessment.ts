import {
  assessmentOverview,
  type Assessment,
  type AssessmentComplianceCheck,
  type AssessmentOverview,
  type AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import type { CheckRow } from '../checks';

/** A risk factor and everything it was raised for. */
export interface RiskRow {
  id: string;
  title: string;
  /** Points of the factor (the highest, when several resources raise it). */
  points?: number;
  /** Names of the resources it was raised for (the first ones); empty for migration-wide factors. */
  resources: string[];
  /** How many resources raised it, when more than `resources` names. */
  resourceCount?: number;
  detail?: string;
  mitigation?: string;
  /** `advisor` for risks the AI advisor added (annotations, not scored). */
  source: 'rules' | 'advisor';
}

/** An assessment's overview with what its views derive from it. */
export interface AssessmentModel {
  /** The assessment without its per-resource blocks (a page of them is fetched at a time). */
  assessment: AssessmentOverview['assessment'];
  /** How many resources it assesses. */
  resourceCount: number;
  /** The currency of every amount. */
  currency: string;
  /** The waves in order. */
  waves: AssessmentWave[];
  /** Migration-wide factors, then the resources' by points, then the advisor's. */
  risks: RiskRow[];
  compliance: CheckRow[];
  /** Name of a resource by id, falling back to the id. */
  nameOf: (id: string) => string;
}

function complianceRow(
  check: AssessmentComplianceCheck,
  nameOf: (id: string) => string,
): CheckRow {
  const resources = check.resourceIds.map(nameOf);
  return {
    id: check.id,
    title: check.title,
    outcome: check.status,
    message: resources.length
      ? `${check.message} (${resources.join(', ')})`
      : check.message,
    remediation: check.remediation,
  };
}

function collectRisks(
  overview: AssessmentOverview,
  nameOf: (id: string) => string,
): RiskRow[] {
  const { assessment } = overview;
  const migrationWide = assessment.risk.factors.map(factor => ({
    ...factor,
    resources: [],
    source: 'rules' as const,
  }));
  const advisor = assessment.advisor.extraRisks.map((risk, i) => ({
    id: `advisor-${i}`,
    title: risk.title,
    resources: risk.resourceIds.map(nameOf),
    detail: `${risk.severity} severity: ${risk.detail}`,
    source: 'advisor' as const,
  }));
  const resources = overview.resourceRisks.map(risk => ({
    ...risk,
    source: 'rules' as const,
  }));
  return [...migrationWide, ...resources, ...advisor];
}

/** Derives what the assessment views show from an assessment's overview. */
export function readOverview(overview: AssessmentOverview): AssessmentModel {
  const { assessment, names } = overview;
  const nameOf = (id: string) => names[id] ?? id;
  return {
    assessment,
    resourceCount: Object.keys(names).length,
    currency: assessment.cost?.currency ?? assessment.inputs.currency,
    waves: [...assessment.waves].sort((a, b) => a.number - b.number),
    risks: collectRisks(overview, nameOf),
    compliance: assessment.compliance.checks.map(c => complianceRow(c, nameOf)),
    nameOf,
  };
}

/** Derives what the assessment views show from an `assessment.json` checked by the contract. */
export function readAssessment(assessment: Assessment): AssessmentModel {
  return readOverview(assessmentOverview(assessment));
}
