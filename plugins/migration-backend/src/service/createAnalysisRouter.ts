import type {
  AuditorService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  migrationAdminPermission,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import {
  analyzeSelection,
  parseAnalyzeRequest,
  type Advisor,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  runDiscovery,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { createRouteAuditor } from './auditedRoute';
import { authorizeCredentials } from './authorize';
import { readCatalogSelection } from './catalogSelection';
import { parseInput } from './validation';

const discoveryRequestSchema = z.object({
  environmentId: z.string().min(1).max(200),
});

/** @internal */
export interface AnalysisRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  providers: CloudProviderLookup;
  /** Built once from config; the price catalogs are loaded lazily on the first call. */
  assessContext: () => AssessContext;
  advisor: () => Advisor | undefined;
  logger: LoggerService;
  auditor: AuditorService;
}

/** An AbortSignal that fires when the client goes away before the answer is ready. */
function abortOnClose(req: express.Request, res: express.Response) {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  req.on('aborted', () => controller.abort());
  return controller.signal;
}

/**
 * `POST /analyze` (a preview assessment of a selection, nothing stored) and `POST /discovery`
 * (one discovery run of a configured environment, answered with its summary).
 *
 * @internal
 */
export async function createAnalysisRouter(
  options: AnalysisRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, providers, logger } = options;
  const audited = createRouteAuditor(options.auditor);
  const router = Router();
  router.use(express.json({ limit: '5mb' }));

  router.post(
    '/analyze',
    audited('migration-analyze', 'low', async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await authorizeCredentials({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      const request = parseAnalyzeRequest(req.body);
      // The caller's own credentials: the preview shows only what they may see in the catalog.
      const { entities } = await readCatalogSelection({
        catalog,
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
        logger,
      });
      res.json(assessment);
    }),
  );

  router.post(
    '/discovery',
    audited('migration-discovery', 'medium', async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      await authorizeCredentials({
        credentials,
        permission: migrationAdminPermission,
        permissions,
      });
      const { environmentId } = parseInput(discoveryRequestSchema, req.body);
      const provider = providers.get(environmentId);
      if (!provider) {
        throw new NotFoundError(
          `environmentId: no environment '${environmentId}' is configured under migration.environments`,
        );
      }
      const summary = await runDiscovery(provider, {
        signal: abortOnClose(req, res),
      });
      logger.info(
        `On-demand discovery of ${environmentId}: ${summary.total} resources in ${summary.durationMs} ms`,
      );
      res.json(summary);
      return { environmentId, total: summary.total };
    }),
  );

  return router;
}
