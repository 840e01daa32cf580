import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CloudProviderLookup } from '@sirsi-nexus/plugin-migration-node';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import type { RouteContext } from './http/apiRouter';
import { validatorFormats } from './http/formats';
import { createOperation } from './http/operation';
import { deferValidationErrors } from './http/validationErrors';
import type { MigrationService } from './MigrationService';
import {
  registerAnalysisRoutes,
  type AnalysisRouteOptions,
} from './routes/analysis';
import { registerApprovalRoutes } from './routes/approvals';
import { AssessmentCache } from './assessment/AssessmentCache';
import { registerArtifactRoutes } from './routes/artifacts';
import { registerAssessmentRoutes } from './routes/assessment';
import { registerControlRoutes } from './routes/controls';
import { registerDiscoveryRoutes } from './routes/discovery';
import {
  registerExecutionRoutes,
  type ExecutionRouteOptions,
} from './routes/execution';
import { registerMigrationRoutes } from './routes/migrations';
import { registerSupportRoutes } from './routes/support';

/** @internal */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  service: MigrationService;
  providers: CloudProviderLookup;
  analysis: Omit<AnalysisRouteOptions, 'logger'>;
  execution: ExecutionRouteOptions;
}

/**
 * The REST API under `/api/migration`, the router generated from `src/schema/openapi.yaml`: the
 * spec validates every request. Every route authenticates (401), then authorizes its permission
 * (403), then answers what the validator found (400) before it does anything.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, logger } = options;
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '5mb' })],
    validatorOptions: {
      // Backstage's httpAuth authenticates; the spec's security scheme documents it.
      validateSecurity: false,
      formats: validatorFormats(),
    },
  });
  router.use(deferValidationErrors());
  const context: RouteContext = { router, operation: createOperation(options) };

  router.get(
    '/health',
    context.operation({}, async (_req, res) => {
      res.json({ status: 'ok' });
    }),
  );
  registerMigrationRoutes(context, service);
  registerArtifactRoutes(context, service);
  registerAssessmentRoutes(context, new AssessmentCache(service));
  registerControlRoutes(context, service);
  registerApprovalRoutes(context, service);
  registerDiscoveryRoutes(context, {
    service,
    providers: options.providers,
    logger,
  });
  registerAnalysisRoutes(context, { ...options.analysis, logger });
  registerExecutionRoutes(context, options.execution);
  registerSupportRoutes(context, { ...options.execution, logger });
  return router;
}
