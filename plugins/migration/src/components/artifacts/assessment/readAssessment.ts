import type {
  Assessment,
  AssessmentAdvisor,
  AssessmentComplianceCheck,
  AssessmentResource,
  AssessmentScheduleEntry,
  AssessmentSharedService,
  AssessmentWave,
  CommitmentAmounts,
} from '@sirsi-nexus/plugin-migration-common';
import type { NormalizedCheck } from '../normalize';

/** Any part of an object may be missing. */
type DeepPartial<T> = T extends object
  ? { [K in keyof T]?: DeepPartial<T[K]> }
  : T;

/** A resource as the views show it. */
export interface ResourceRow {
  id: string;
  name: string;
  kind?: string;
  wave?: number;
  instanceType?: string;
  sizingBasis?: string;
  confidence?: string;
  strategy?: string;
  strategyRule?: string;
  strategyReason?: string;
  targetService?: string;
  monthlyCost?: number;
  /** False for retired and retained resources: their cost is not in the totals. */
  costIncluded?: boolean;
  riskScore?: number;
}

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

/** What the assessment views render, read tolerantly from `assessment.json`. */
export interface AssessmentModel {
  stage?: Assessment['stage'];
  currency: string;
  cost?: Partial<CommitmentAmounts> & { current?: number; savings?: number };
  riskScore?: number;
  riskLevel?: string;
  resources: ResourceRow[];
  waves: DeepPartial<AssessmentWave>[];
  edges: { from: string; to: string }[];
  risks: RiskRow[];
  byStrategy: Record<string, number>;
  endOfLifeSystems: string[];
  sharedServices: DeepPartial<AssessmentSharedService>[];
  compliance: NormalizedCheck[];
  complianceProfile?: string;
  schedule: DeepPartial<AssessmentScheduleEntry>[];
  scheduleCompletesAt?: string;
  advisor?: DeepPartial<AssessmentAdvisor>;
  warnings: string[];
  /** Name of a resource by id, falling back to the id. */
  nameOf: (id: string) => string;
}

function list<T>(value: T[] | undefined | unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function toCheck(
  check: DeepPartial<AssessmentComplianceCheck>,
  index: number,
  nameOf: (id: string) => string,
): NormalizedCheck {
  const resources = list<string>(check.resourceIds).map(nameOf);
  return {
    id: check.id ?? String(index),
    title: check.title ?? check.id ?? `Check ${index + 1}`,
    outcome:
      check.status === 'pass' || check.status === 'warn'
        ? check.status
        : 'fail',
    message:
      [check.message, resources.length ? `(${resources.join(', ')})` : '']
        .filter(Boolean)
        .join(' ') || undefined,
    remediation: check.remediation,
  };
}

function collectRisks(
  resources: DeepPartial<AssessmentResource>[],
  doc: DeepPartial<Assessment>,
  nameOf: (id: string) => string,
): RiskRow[] {
  const byFactor = new Map<string, RiskRow>();
  for (const resource of resources) {
    for (const factor of list<
      DeepPartial<AssessmentResource['risk']['factors'][number]>
    >(resource.risk?.factors)) {
      const id = factor.id ?? factor.title ?? 'risk';
      const row = byFactor.get(id) ?? {
        id,
        title: factor.title ?? id,
        resources: [],
        detail: factor.detail,
        mitigation: factor.mitigation,
        source: 'rules' as const,
      };
      row.points = Math.max(row.points ?? 0, factor.points ?? 0);
      if (resource.name) row.resources.push(resource.name);
      byFactor.set(id, row);
    }
  }
  const migrationWide = list<
    DeepPartial<Assessment['risk']['factors'][number]>
  >(doc.risk?.factors).map((factor, i) => ({
    id: factor.id ?? `migration-${i}`,
    title: factor.title ?? factor.id ?? 'Risk',
    points: factor.points,
    resources: [],
    detail: factor.detail,
    mitigation: factor.mitigation,
    source: 'rules' as const,
  }));
  const advisor = list<DeepPartial<AssessmentAdvisor['extraRisks'][number]>>(
    doc.advisor?.extraRisks,
  ).map((risk, i) => ({
    id: `advisor-${i}`,
    title: risk.title ?? 'Advisor note',
    resources: list<string>(risk.resourceIds).map(nameOf),
    detail: [risk.severity ? `${risk.severity} severity` : '', risk.detail]
      .filter(Boolean)
      .join(': '),
    source: 'advisor' as const,
  }));
  return [
    ...migrationWide,
    ...[...byFactor.values()].sort((a, b) => (b.points ?? 0) - (a.points ?? 0)),
    ...advisor,
  ];
}

/**
 * Reads an `assessment.json` (schema in migration-common's assessment.ts) for display. Missing
 * parts give empty sections rather than errors, so a `plan`-stage assessment without cost, or a
 * newer version with extra fields, still renders.
 */
export function readAssessment(value: unknown): AssessmentModel {
  const doc: DeepPartial<Assessment> =
    value && typeof value === 'object'
      ? (value as DeepPartial<Assessment>)
      : {};
  const rawResources = list<DeepPartial<AssessmentResource>>(doc.resources);
  const names = new Map(
    rawResources.filter(r => r.id).map(r => [r.id!, r.name ?? r.id!]),
  );
  const nameOf = (id: string) => names.get(id) ?? id;

  const resources: ResourceRow[] = rawResources.map((r, i) => ({
    id: r.id ?? String(i),
    name: r.name ?? r.id ?? `Resource ${i + 1}`,
    kind: r.kind,
    wave: r.wave,
    instanceType: r.sizing?.instanceType,
    sizingBasis: r.sizing?.basis,
    confidence: r.sizing?.confidence,
    strategy: r.strategy?.strategy,
    strategyRule: r.strategy?.rule,
    strategyReason: r.strategy?.reason,
    targetService: r.strategy?.targetService,
    monthlyCost: r.cost?.total?.onDemand,
    costIncluded: r.cost?.included,
    riskScore: r.risk?.score,
  }));

  const edges = list<{ from?: string; to?: string }>(
    doc.dependencies?.edges,
  ).filter((e): e is { from: string; to: string } => !!e.from && !!e.to);
  if (edges.length === 0) {
    rawResources.forEach(r =>
      list<string>(r.dependsOn).forEach(
        to => r.id && edges.push({ from: r.id, to }),
      ),
    );
  }

  const byStrategy: Record<string, number> = {};
  if (doc.summary?.byStrategy) {
    Object.entries(doc.summary.byStrategy).forEach(([k, v]) => {
      if (typeof v === 'number') byStrategy[k] = v;
    });
  } else {
    resources.forEach(r => {
      if (r.strategy)
        byStrategy[r.strategy] = (byStrategy[r.strategy] ?? 0) + 1;
    });
  }

  return {
    stage: doc.stage,
    currency: doc.cost?.currency ?? doc.inputs?.currency ?? 'USD',
    cost: doc.cost
      ? {
          ...doc.cost.total,
          current: doc.cost.current,
          savings: doc.cost.savings?.onDemand,
        }
      : undefined,
    riskScore: doc.risk?.score,
    riskLevel: doc.risk?.level,
    resources,
    waves: [...list<DeepPartial<AssessmentWave>>(doc.waves)].sort(
      (a, b) => (a.number ?? 0) - (b.number ?? 0),
    ),
    edges,
    risks: collectRisks(rawResources, doc, nameOf),
    byStrategy,
    endOfLifeSystems: list<string>(doc.summary?.endOfLifeSystems),
    sharedServices: list(doc.sharedServices),
    compliance: list<DeepPartial<AssessmentComplianceCheck>>(
      doc.compliance?.checks,
    ).map((c, i) => toCheck(c, i, nameOf)),
    complianceProfile: doc.compliance?.profile,
    schedule: list(doc.schedule?.entries),
    scheduleCompletesAt: doc.schedule?.completesAt,
    advisor: doc.advisor,
    warnings: list<string>(doc.warnings),
    nameOf,
  };
}
