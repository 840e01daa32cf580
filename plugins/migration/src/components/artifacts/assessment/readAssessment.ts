import type {
  Assessment,
  AssessmentComplianceCheck,
  AssessmentResource,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import type { CheckRow } from '../checks';

/** A risk factor and everything it was raised for. */
export interface RiskRow {
  id: string;
  title: string;
  /** Points of the factor (the highest, when several resources raise it). */
  points?: number;
  /** Names of the resources it was raised for; empty for migration-wide factors. */
  resources: string[];
  detail?: string;
  mitigation?: string;
  /** `advisor` for risks the AI advisor added (annotations, not scored). */
  source: 'rules' | 'advisor';
}

/** An `assessment.json` with what its views derive from it. */
export interface AssessmentModel {
  assessment: Assessment;
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

/** Each factor once, with every resource that raised it. */
function resourceRisks(resources: AssessmentResource[]): RiskRow[] {
  const byFactor = new Map<string, RiskRow>();
  for (const resource of resources) {
    for (const factor of resource.risk.factors) {
      const row = byFactor.get(factor.id) ?? {
        id: factor.id,
        title: factor.title,
        resources: [],
        detail: factor.detail,
        mitigation: factor.mitigation,
        source: 'rules' as const,
      };
      row.points = Math.max(row.points ?? 0, factor.points);
      row.resources.push(resource.name);
      byFactor.set(factor.id, row);
    }
  }
  return [...byFactor.values()].sort(
    (a, b) => (b.points ?? 0) - (a.points ?? 0),
  );
}

function collectRisks(
  assessment: Assessment,
  nameOf: (id: string) => string,
): RiskRow[] {
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
  return [...migrationWide, ...resourceRisks(assessment.resources), ...advisor];
}

/** Derives what the assessment views show from an `assessment.json` checked by the contract. */
export function readAssessment(assessment: Assessment): AssessmentModel {
  const names = new Map(assessment.resources.map(r => [r.id, r.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return {
    assessment,
    currency: assessment.cost?.currency ?? assessment.inputs.currency,
    waves: [...assessment.waves].sort((a, b) => a.number - b.number),
    risks: collectRisks(assessment, nameOf),
    compliance: assessment.compliance.checks.map(c => complianceRow(c, nameOf)),
    nameOf,
  };
}
