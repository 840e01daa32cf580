import type {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  migrationReadPermission,
  type AnalyzeRequest,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import {
  analyzeSelection,
  type Advisor,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import type { RouteContext } from '../http/apiRouter';
import { abortOnClose } from '../http/abortOnClose';
import { readCatalogSelection } from '../../executors/plan/readCatalogSelection';

/** What `POST /analyze` needs. */
export interface AnalysisRouteOptions {
  catalog: CatalogService;
  /** Built once from config; the price catalogs are loaded lazily on the first call. */
  assessContext: () => AssessContext;
  advisor: () => Advisor | undefined;
  logger: LoggerService;
}

/**
 * A preview assessment of a selection, nothing stored: what `POST /analyze` and the
 * `migration:preview-assessment` action answer.
 */
export async function previewAssessment(
  options: AnalysisRouteOptions,
  call: {
    request: AnalyzeRequest;
    credentials: BackstageCredentials;
    signal?: AbortSignal;
  },
): Promise<Assessment> {
  // The caller's own credentials: the preview shows only what they may see in the catalog.
  const { entities } = await readCatalogSelection({
    catalog: options.catalog,
    entityRefs: call.request.entityRefs,
    credentials: call.credentials,
  });
  return analyzeSelection({
    request: call.request,
    // analyzeSelection names every requested ref it finds no entity for (→ 400).
    entities,
    context: options.assessContext(),
    advisor: options.advisor(),
    signal: call.signal,
    logger: options.logger,
  });
}

/** `POST /analyze`: a preview assessment of a selection, nothing stored. */
export function registerAnalysisRoutes(
  { router, operation }: RouteContext,
  options: AnalysisRouteOptions,
) {
  router.post(
    '/analyze',
    operation(
      {
        permission: migrationReadPermission,
        audit: { eventId: 'migration-analyze', severityLevel: 'low' },
      },
      async (req, res, { credentials }) => {
        res.json(
          await previewAssessment(options, {
            request: req.body,
            credentials,
            signal: abortOnClose(req, res),
          }),
        );
      },
    ),
  );
}
