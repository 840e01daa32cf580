import type { LoggerService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { migrationReadPermission } from '@sirsi-nexus/plugin-migration-common';
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
        const request = req.body;
        // The caller's own credentials: the preview shows only what they may see in the catalog.
        const { entities } = await readCatalogSelection({
          catalog: options.catalog,
          entityRefs: request.entityRefs,
          credentials,
        });
        const assessment = await analyzeSelection({
          request,
          // analyzeSelection names every requested ref it finds no entity for (→ 400).
          entities,
          context: options.assessContext(),
          advisor: options.advisor(),
          signal: abortOnClose(req, res),
          logger: options.logger,
        });
        res.json(assessment);
      },
    ),
  );
}
