import type {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readIacSettings } from '@sirsi-nexus/plugin-migration-iac-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { createCatalogResourceLookup } from './catalogResourceLookup';
import { createIacTestExecutor } from './createIacTestExecutor';

export {
  createIacTestExecutor,
  IAC_BUNDLE_ARTIFACT,
  IAC_REPORT_ARTIFACT,
  IAC_TASK,
  type IacTestExecutorDeps,
} from './createIacTestExecutor';
export {
  createCatalogResourceLookup,
  type ResourceLookup,
} from './catalogResourceLookup';

/**
 * The `test` phase's IaC executor configured from `migration.iac` (and the GCP project of the
 * target environment), looking up unselected subnets, networks and security groups in the
 * catalog.
 *
 * @public
 */
export function createIacExecutors(deps: {
  config: RootConfigService;
  logger: LoggerService;
  catalog?: CatalogService;
  auth?: AuthService;
}): MigrationExecutor[] {
  const settings = readIacSettings(deps.config);
  const environments =
    deps.config.getOptionalConfigArray('migration.environments') ?? [];
  return [
    createIacTestExecutor({
      settings,
      logger: deps.logger,
      targetDetails: environmentId => {
        const env = environments.find(
          e => e.getOptionalString('id') === environmentId,
        );
        const project = env?.getOptionalString('gcp.projectId');
        return project ? { project } : {};
      },
      ...(deps.catalog && deps.auth
        ? {
            lookupResources: createCatalogResourceLookup({
              catalog: deps.catalog,
              auth: deps.auth,
            }),
          }
        : {}),
    }),
  ];
}
