import {
  asArray,
  asRecord,
  findChecks,
  pickArray,
  pickNumber,
  pickRecord,
  pickString,
  type NormalizedCheck,
} from '../normalize';

/** Monthly cost of something, on demand and with commitments. */
export interface CostFigures {
  onDemand?: number;
  commit1y?: number;
  commit3y?: number;
}

/** A wave as the views show it. */
export interface WaveModel {
  index: number;
  name: string;
  members: string[];
  reasons: string[];
  cost: CostFigures;
  dataGiB?: number;
  downtimeMinutes?: number;
}

/** A resource of the assessment as the views show it. */
export interface ResourceModel {
  id: string;
  name: string;
  wave?: number;
  instanceType?: string;
  confidence?: string;
  strategy?: string;
  strategyRule?: string;
  monthlyCost?: number;
  riskScore?: number;
  dependsOn: string[];
}

/** A risk factor with what to do about it. */
export interface RiskModel {
  title: string;
  score?: number;
  resources: string[];
  mitigation?: string;
}

/** A wave placed in a maintenance window. */
export interface ScheduleModel {
  wave: string;
  start?: string;
  end?: string;
  transferHours?: number;
  downtimeMinutes?: number;
}

/** The advisor's annotations. */
export interface AdvisorModel {
  status?: string;
  model?: string;
  summary?: string;
  notes: string[];
  reason?: string;
  tokens?: number;
  latencyMs?: number;
}

/** What the assessment views render. */
export interface AssessmentModel {
  currency: string;
  totals: CostFigures & { current?: number };
  waves: WaveModel[];
  resources: ResourceModel[];
  risks: RiskModel[];
  riskScore?: number;
  compliance: NormalizedCheck[];
  complianceProfile?: string;
  sharedServices: { resource: string; choice?: string; reason?: string }[];
  schedule: ScheduleModel[];
  advisor?: AdvisorModel;
}

function readCost(value: unknown): CostFigures {
  if (typeof value === 'number') return { onDemand: value };
  const r = asRecord(value);
  if (!r) return {};
  const monthly = pickRecord(r, 'monthly', 'monthlyCost', 'perMonth') ?? r;
  const commitments = pickRecord(
    monthly,
    'commitments',
    'commitment',
    'reserved',
  );
  return {
    onDemand: pickNumber(
      monthly,
      'onDemand',
      'onDemandMonthly',
      'monthlyOnDemand',
      'total',
      'monthly',
    ),
    commit1y:
      pickNumber(
        monthly,
        'commit1y',
        'oneYear',
        'commitment1y',
        'reserved1y',
        'oneYearMonthly',
      ) ?? pickNumber(commitments, '1y', 'oneYear', 'commit1y'),
    commit3y:
      pickNumber(
        monthly,
        'commit3y',
        'threeYear',
        'commitment3y',
        'reserved3y',
        'threeYearMonthly',
      ) ?? pickNumber(commitments, '3y', 'threeYear', 'commit3y'),
  };
}

function strings(value: unknown): string[] {
  return asArray(value)
    .map(v =>
      typeof v === 'string'
        ? v
        : pickString(
            asRecord(v),
            'id',
            'resourceId',
            'externalId',
            'entityRef',
            'name',
            'reason',
            'text',
          ),
    )
    .filter((v): v is string => !!v);
}

function readWaves(doc: Record<string, unknown>): WaveModel[] {
  const waves =
    pickArray(doc, 'waves') ??
    pickArray(pickRecord(doc, 'plan', 'waves'), 'waves') ??
    [];
  return waves.map((value, i) => {
    const w = asRecord(value) ?? {};
    const index = pickNumber(w, 'index', 'number', 'wave', 'order') ?? i + 1;
    const groups = asArray(pickArray(w, 'moveGroups', 'groups'));
    const members = strings(
      pickArray(w, 'members', 'resources', 'resourceIds'),
    );
    const fromGroups = groups.flatMap(g =>
      strings(pickArray(asRecord(g), 'members', 'resources')),
    );
    return {
      index,
      name: pickString(w, 'name', 'title', 'id') ?? `Wave ${index}`,
      members: members.length ? members : fromGroups,
      reasons: strings(pickArray(w, 'reasons', 'rationale')),
      cost: readCost(w.cost ?? w.monthlyCost ?? w.costs),
      dataGiB: pickNumber(
        w,
        'dataVolumeGiB',
        'dataGiB',
        'estimatedDataGiB',
        'dataVolume',
      ),
      downtimeMinutes: pickNumber(
        w,
        'downtimeMinutes',
        'estimatedDowntimeMinutes',
        'downtime',
      ),
    };
  });
}

function readResources(
  doc: Record<string, unknown>,
  waves: WaveModel[],
): ResourceModel[] {
  const waveOf = new Map<string, number>();
  waves.forEach(w => w.members.forEach(m => waveOf.set(m, w.index)));
  const list = pickArray(doc, 'resources', 'sizing', 'items') ?? [];
  const strategies = new Map<string, Record<string, unknown>>();
  for (const s of asArray(pickArray(doc, 'strategies', 'strategy'))) {
    const r = asRecord(s);
    const id = pickString(r, 'resourceId', 'resource', 'id', 'externalId');
    if (r && id) strategies.set(id, r);
  }
  return list.map((value, i) => {
    const r = asRecord(value) ?? {};
    const id =
      pickString(r, 'resourceId', 'id', 'externalId', 'entityRef', 'name') ??
      String(i);
    const sizing = pickRecord(r, 'sizing', 'target', 'recommendation');
    const strategyRecord = pickRecord(r, 'strategy') ?? strategies.get(id);
    const risk = pickRecord(r, 'risk');
    return {
      id,
      name: pickString(r, 'name', 'title', 'id') ?? id,
      wave: pickNumber(r, 'wave', 'waveIndex') ?? waveOf.get(id),
      instanceType:
        pickString(
          r,
          'instanceType',
          'targetInstanceType',
          'chosenInstanceType',
        ) ?? pickString(sizing, 'instanceType', 'type', 'sku'),
      confidence:
        pickString(r, 'confidence') ?? pickString(sizing, 'confidence'),
      strategy:
        pickString(r, 'strategy') ??
        pickString(strategyRecord, 'strategy', 'name', 'value'),
      strategyRule: pickString(strategyRecord, 'rule', 'reason', 'because'),
      monthlyCost: readCost(r.cost ?? r.monthlyCost).onDemand,
      riskScore: pickNumber(r, 'riskScore') ?? pickNumber(risk, 'score'),
      dependsOn: strings(pickArray(r, 'dependsOn', 'dependencies')),
    };
  });
}

function readRisks(doc: Record<string, unknown>): {
  risks: RiskModel[];
  score?: number;
} {
  const risk = pickRecord(doc, 'risk', 'risks');
  const list =
    pickArray(doc, 'risks') ??
    pickArray(risk, 'factors', 'items', 'risks') ??
    [];
  return {
    score:
      pickNumber(risk, 'score', 'overall', 'total') ??
      pickNumber(doc, 'riskScore'),
    risks: list.map((value, i) => {
      const r = asRecord(value) ?? {};
      return {
        title:
          pickString(r, 'title', 'factor', 'name', 'id', 'description') ??
          `Risk ${i + 1}`,
        score: pickNumber(r, 'score', 'weight', 'points'),
        resources: strings(
          pickArray(r, 'resources', 'resourceIds', 'affected'),
        ).concat(
          strings([pickString(r, 'resourceId', 'resource')].filter(Boolean)),
        ),
        mitigation: pickString(r, 'mitigation', 'remediation'),
      };
    }),
  };
}

function readAdvisor(doc: Record<string, unknown>): AdvisorModel | undefined {
  const a = pickRecord(doc, 'advisor', 'ai');
  if (!a) return undefined;
  const notes = asArray(pickArray(a, 'waveNotes', 'notes'))
    .map(n =>
      typeof n === 'string'
        ? n
        : [
            pickString(asRecord(n), 'wave', 'title'),
            pickString(asRecord(n), 'note', 'text', 'notes'),
          ]
            .filter(Boolean)
            .join(': '),
    )
    .filter(Boolean);
  const usage = pickRecord(a, 'usage', 'tokens');
  return {
    status: pickString(a, 'status'),
    model: pickString(a, 'model'),
    summary: pickString(a, 'executiveSummary', 'summary'),
    notes,
    reason: pickString(a, 'reason', 'fallbackReason', 'error'),
    tokens:
      pickNumber(a, 'tokens', 'totalTokens') ??
      pickNumber(usage, 'total', 'totalTokens'),
    latencyMs: pickNumber(a, 'latencyMs', 'latency'),
  };
}

/** Reads an `assessment.json` into what the views show; unknown shapes give empty sections. */
export function readAssessment(value: unknown): AssessmentModel {
  const doc = asRecord(value) ?? {};
  const cost = pickRecord(doc, 'cost', 'costs');
  const compliance = pickRecord(doc, 'compliance');
  const waves = readWaves(doc);
  const { risks, score } = readRisks(doc);
  return {
    currency:
      pickString(cost, 'currency') ?? pickString(doc, 'currency') ?? 'USD',
    totals: {
      ...readCost(pickRecord(cost, 'total', 'migration', 'totals') ?? cost),
      current:
        pickNumber(cost, 'currentMonthly', 'current') ??
        pickNumber(pickRecord(cost, 'current'), 'monthly', 'total'),
    },
    waves,
    resources: readResources(doc, waves),
    risks,
    riskScore: score,
    compliance: compliance
      ? findChecks(compliance)
      : findChecks(pickArray(doc, 'complianceChecks') ?? []),
    complianceProfile: pickString(compliance, 'profile'),
    sharedServices: asArray(pickArray(doc, 'sharedServices')).map(s => {
      const r = asRecord(s);
      return {
        resource:
          pickString(r, 'name', 'resourceId', 'resource', 'id') ?? String(s),
        choice: pickString(r, 'choice', 'recommendation'),
        reason: pickString(r, 'reason'),
      };
    }),
    schedule: asArray(
      pickArray(doc, 'schedule') ??
        pickArray(pickRecord(doc, 'schedule'), 'waves', 'items', 'entries'),
    ).map((s, i) => {
      const r = asRecord(s) ?? {};
      const window = pickRecord(r, 'window');
      return {
        wave: pickString(r, 'wave', 'name', 'waveName') ?? `Wave ${i + 1}`,
        start:
          pickString(r, 'start', 'startsAt', 'windowStart') ??
          pickString(window, 'start'),
        end:
          pickString(r, 'end', 'endsAt', 'windowEnd') ??
          pickString(window, 'end'),
        transferHours: pickNumber(r, 'transferHours', 'estimatedTransferHours'),
        downtimeMinutes: pickNumber(
          r,
          'downtimeMinutes',
          'cutoverDowntimeMinutes',
        ),
      };
    }),
    advisor: readAdvisor(doc),
  };
}
