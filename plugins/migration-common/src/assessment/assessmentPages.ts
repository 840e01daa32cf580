/*
 * The assessment in parts, for pages of big migrations: an overview without the per-resource
 * blocks (`GET /migrations/{id}/assessment`) and the resources a page at a time
 * (`GET /migrations/{id}/assessment/resources`). The backend serves both from the stored
 * `assessment.json`; the same functions page an assessment held in memory.
 */
import type {
  Assessment,
  AssessmentResource,
  AssessmentRiskFactor,
} from './assessmentSchema';
import type { MigrationStrategy, RiskFactorId } from './values';

/**
 * Most resource names a risk row of {@link AssessmentOverview} carries; `resourceCount` says
 * how many raised it.
 *
 * @public
 */
export const MAX_RISK_RESOURCE_NAMES = 50;

/**
 * A risk factor raised by resources, each factor once.
 *
 * @public
 */
export interface AssessmentResourceRisk
  extends Omit<AssessmentRiskFactor, 'points'> {
  /** The highest points of the factor among the resources that raised it. */
  points: number;
  /** Names of the first resources that raised it (at most {@link MAX_RISK_RESOURCE_NAMES}). */
  resources: string[];
  /** How many resources raised it. */
  resourceCount: number;
}

/**
 * An assessment without its per-resource blocks: what a page shows above the resources table.
 *
 * @public
 */
export interface AssessmentOverview {
  /**
   * The assessment without `resources` (see `summary.resources` for how many) and with
   * `moveGroups` empty (see `summary.moveGroups` and each wave's `moveGroups`).
   */
  assessment: Omit<Assessment, 'resources'>;
  /** Name of each resource by id. */
  names: Record<string, string>;
  /** The resources' risk factors, highest points first. */
  resourceRisks: AssessmentResourceRisk[];
}

/**
 * Columns the resources of an assessment sort by.
 *
 * @public
 */
export const ASSESSMENT_RESOURCE_ORDER = [
  'name',
  'wave',
  'strategy',
  'reason',
  'size',
  'risk',
  'cost',
] as const;

/**
 * A column of {@link ASSESSMENT_RESOURCE_ORDER}.
 *
 * @public
 */
export type AssessmentResourceOrder =
  (typeof ASSESSMENT_RESOURCE_ORDER)[number];

/**
 * A page of an assessment's resources.
 *
 * @public
 */
export interface AssessmentResourcesQuery {
  /** Resources to skip (default 0). */
  offset?: number;
  /** Resources per page (default 20). */
  limit?: number;
  /** Column to sort by (default: the assessment's order). */
  orderBy?: AssessmentResourceOrder;
  order?: 'asc' | 'desc';
  /** Case-insensitive text in the name, id, kind, strategy, reason, target service or size. */
  search?: string;
  /** Only resources of these waves. */
  wave?: number[];
  /** Only resources with these strategies (7R). */
  strategy?: MigrationStrategy[];
  /** Only resources that raised this risk factor (the Risks table's "show all"). */
  risk?: RiskFactorId;
}

/**
 * A page of an assessment's resources and how many match the query.
 *
 * @public
 */
export interface AssessmentResourcesPage {
  items: AssessmentResource[];
  totalCount: number;
  offset: number;
  limit: number;
}

/** Each factor once, with the first resources that raised it. */
function resourceRisks(
  resources: AssessmentResource[],
): AssessmentResourceRisk[] {
  const byFactor = new Map<string, AssessmentResourceRisk>();
  for (const resource of resources) {
    for (const factor of resource.risk.factors) {
      let row = byFactor.get(factor.id);
      if (!row) {
        row = { ...factor, resources: [], resourceCount: 0 };
        byFactor.set(factor.id, row);
      }
      row.points = Math.max(row.points, factor.points);
      row.resourceCount += 1;
      if (row.resources.length < MAX_RISK_RESOURCE_NAMES) {
        row.resources.push(resource.name);
      }
    }
  }
  return [...byFactor.values()].sort((a, b) => b.points - a.points);
}

/**
 * The overview of an assessment: everything but the per-resource blocks, with the names of
 * the resources and their risk factors.
 *
 * @public
 */
export function assessmentOverview(assessment: Assessment): AssessmentOverview {
  // Move groups list every resource again (a third of the rest for 5,000 resources); no view
  // of the overview needs their members.
  const { resources, moveGroups: _moveGroups, ...rest } = assessment;
  const names: Record<string, string> = {};
  for (const r of resources) names[r.id] = r.name;
  return {
    assessment: { ...rest, moveGroups: [] },
    names,
    resourceRisks: resourceRisks(resources),
  };
}

const SORT_KEYS: Record<
  AssessmentResourceOrder,
  (r: AssessmentResource) => string | number
> = {
  name: r => r.name.toLowerCase(),
  wave: r => r.wave,
  strategy: r => r.strategy.strategy,
  reason: r => r.strategy.reason.toLowerCase(),
  size: r => r.sizing?.instanceType ?? '',
  risk: r => r.risk.score,
  cost: r => r.cost?.total.onDemand ?? 0,
};

function searchText(r: AssessmentResource): string {
  return [
    r.name,
    r.id,
    r.kind,
    r.strategy.strategy.replace(/[_-]/g, ' '),
    r.strategy.reason,
    r.strategy.targetService ?? '',
    r.sizing?.instanceType ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

function matching(
  resources: AssessmentResource[],
  query: AssessmentResourcesQuery,
): AssessmentResource[] {
  const term = query.search?.trim().toLowerCase();
  const waves = query.wave?.length ? new Set(query.wave) : undefined;
  const strategies = query.strategy?.length
    ? new Set(query.strategy)
    : undefined;
  const risk = query.risk;
  if (!term && !waves && !strategies && !risk) return resources;
  return resources.filter(
    r =>
      (!waves || waves.has(r.wave)) &&
      (!strategies || strategies.has(r.strategy.strategy)) &&
      (!risk || r.risk.factors.some(f => f.id === risk)) &&
      (!term || searchText(r).includes(term)),
  );
}

/**
 * A page of `resources`: filtered by the query's search, waves and strategies, sorted by its
 * column (ties keep the assessment's order), then sliced.
 *
 * @public
 */
export function pageAssessmentResources(
  resources: AssessmentResource[],
  query: AssessmentResourcesQuery = {},
): AssessmentResourcesPage {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? 20;
  let rows = matching(resources, query);
  if (query.orderBy) {
    const key = SORT_KEYS[query.orderBy];
    const sign = query.order === 'desc' ? -1 : 1;
    const keyed = rows.map((r, i) => ({ r, i, k: key(r) }));
    keyed.sort((a, b) => {
      if (a.k < b.k) return -sign;
      if (a.k > b.k) return sign;
      return a.i - b.i;
    });
    rows = keyed.map(x => x.r);
  }
  return {
    items: rows.slice(offset, offset + limit),
    totalCount: rows.length,
    offset,
    limit,
  };
}
