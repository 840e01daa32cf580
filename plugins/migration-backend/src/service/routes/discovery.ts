import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  migrationAdminPermission,
  migrationReadPermission,
  type ListProvidersResponse,
} from '@sirsi-nexus/plugin-migration-common';
import {
  runDiscovery,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import type { RouteContext } from '../http/apiRouter';
import { abortOnClose } from '../http/abortOnClose';
import type { MigrationService } from '../MigrationService';

/** What the environment routes need. */
export interface DiscoveryRouteOptions {
  service: MigrationService;
  providers: CloudProviderLookup;
  logger: LoggerService;
}

/**
 * The configured environments: `GET /providers` (with their last validation) and
 * `POST /discovery` (one discovery run of an environment, answered with its summary).
 */
export function registerDiscoveryRoutes(
  { router, operation }: RouteContext,
  { service, providers, logger }: DiscoveryRouteOptions,
) {
  router.get(
    '/providers',
    operation({ permission: migrationReadPermission }, async (_req, res) => {
      const body: ListProvidersResponse = {
        items: await service.listProviders(),
      };
      res.json(body);
    }),
  );

  router.post(
    '/discovery',
    operation(
      {
        permission: migrationAdminPermission,
        audit: { eventId: 'migration-discovery', severityLevel: 'medium' },
      },
      async (req, res) => {
        const { environmentId } = req.body;
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
      },
    ),
  );
}
