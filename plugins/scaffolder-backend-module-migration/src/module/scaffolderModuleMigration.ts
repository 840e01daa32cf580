import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createAnalyzeAction,
  createCreateMigrationAction,
  createIacApplyAction,
  createIacGenerateAction,
  createIacValidateAction,
} from '../actions';
import { MigrationApiClient } from '../client/MigrationApiClient';

/**
 * Scaffolder module providing the `migration:*` actions.
 *
 * @public
 */
export const scaffolderModuleMigration = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'migration',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, discovery, auth, catalog }) {
        const client = new MigrationApiClient({ discovery, auth });
        scaffolder.addActions(
          createAnalyzeAction({ client }),
          createCreateMigrationAction({ client, catalog, config }),
          createIacGenerateAction({ client, catalog, config }),
          createIacValidateAction({ config }),
          createIacApplyAction({ client, config }),
        );
      },
    });
  },
});
