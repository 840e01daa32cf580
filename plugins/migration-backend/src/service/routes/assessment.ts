import { InputError } from '@backstage/errors';
import {
  ASSESSMENT_RESOURCE_ORDER,
  MIGRATION_STRATEGIES,
  RISK_FACTOR_IDS,
  migrationReadPermission,
  pageAssessmentResources,
  type AssessmentResourceOrder,
  type AssessmentResourcesQuery,
  type MigrationStrategy,
  type RiskFactorId,
} from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { AssessmentCache } from '../assessment/AssessmentCache';

type Query = Record<string, unknown>;

/** A comma-separated or repeated query parameter as a list (the validator may have split it). */
function listOf(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap(v =>
    String(v).split(','),
  );
  return parts.map(p => p.trim()).filter(Boolean);
}

function integerOf(query: Query, name: string, min: number, max: number) {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InputError(
      `Query parameter ${name} must be an integer from ${min} to ${max}`,
    );
  }
  return n;
}

function oneOf<T extends string>(
  query: Query,
  name: string,
  values: readonly T[],
): T | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (!values.includes(value as T)) {
    throw new InputError(
      `Query parameter ${name} must be one of ${values.join(', ')}`,
    );
  }
  return value as T;
}

/**
 * The query of `GET /migrations/{id}/assessment/resources`. The spec's validator checks it
 * first; this names the parameter again for callers of the router without the validator.
 */
export function parseResourcesQuery(query: Query): AssessmentResourcesQuery {
  const waves = listOf(query.wave)?.map(w => {
    const n = Number(w);
    if (!Number.isInteger(n) || n < 0) {
      throw new InputError('Query parameter wave must list wave numbers');
    }
    return n;
  });
  const strategies = listOf(query.strategy);
  for (const s of strategies ?? []) {
    if (!MIGRATION_STRATEGIES.includes(s as MigrationStrategy)) {
      throw new InputError(
        `Query parameter strategy must list strategies of ${MIGRATION_STRATEGIES.join(
          ', ',
        )}`,
      );
    }
  }
  const search = query.search === undefined ? undefined : String(query.search);
  if (search !== undefined && search.length > 200) {
    throw new InputError(
      'Query parameter search must be at most 200 characters',
    );
  }
  return {
    offset: integerOf(query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: integerOf(query, 'limit', 1, 500) ?? 20,
    orderBy: oneOf<AssessmentResourceOrder>(
      query,
      'orderBy',
      ASSESSMENT_RESOURCE_ORDER,
    ),
    order: oneOf(query, 'order', ['asc', 'desc'] as const) ?? 'asc',
    search,
    wave: waves,
    strategy: strategies as MigrationStrategy[] | undefined,
    risk: oneOf<RiskFactorId>(query, 'risk', RISK_FACTOR_IDS),
  };
}

/**
 * `GET /migrations/{id}/assessment` (the overview) and `/assessment/resources` (a page of the
 * resources): a big migration's page shows its assessment without downloading all of it.
 * Authorized like the artifact itself: `migration.read` on the migration.
 */
export function registerAssessmentRoutes(
  { router, operation }: RouteContext,
  cache: AssessmentCache,
) {
  const read = { permission: migrationReadPermission };

  router.get(
    '/migrations/:id/assessment',
    operation(read, async (req, res) => {
      const { overview } = await cache.get(req.params.id);
      res.json(overview);
    }),
  );

  router.get(
    '/migrations/:id/assessment/resources',
    operation(read, async (req, res) => {
      const query = parseResourcesQuery(req.query as Query);
      const { assessment } = await cache.get(req.params.id);
      res.json(pageAssessmentResources(assessment.resources, query));
    }),
  );
}
