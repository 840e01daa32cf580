import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import {
  cloudDiscoveryProvidersExtensionPoint,
  createCloudProviderFactoryCollector,
} from '@sirsi-nexus/plugin-migration-node';
import { CloudDiscoveryEntityProvider } from '../providers';

/**
 * Catalog module that turns discovered cloud and on-prem resources into `Resource` entities:
 * one entity provider per `migration.environments[]` entry.
 *
 * @remarks
 * The providers come from the cloud packages' catalog modules (inventory, AWS, Azure, Google
 * Cloud), which add them through `cloudDiscoveryProvidersExtensionPoint` from
 * `@sirsi-nexus/plugin-migration-node`.
 *
 * @public
 */
export const catalogModuleCloudDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery',
  register(env) {
    const addedProviders = createCloudProviderFactoryCollector(
      cloudDiscoveryProvidersExtensionPoint.id,
    );
    env.registerExtensionPoint(
      cloudDiscoveryProvidersExtensionPoint,
      addedProviders.extensionPoint,
    );

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        catalog: catalogProcessingExtensionPoint,
      },
      async init({ config, logger, scheduler, urlReader, catalog }) {
        catalog.addEntityProvider(
          CloudDiscoveryEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            urlReader,
            factories: addedProviders.factories(),
          }),
        );
      },
    });
  },
});
