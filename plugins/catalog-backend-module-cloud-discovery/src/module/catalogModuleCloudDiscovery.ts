import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  catalogLocationsExtensionPoint,
  catalogProcessingExtensionPoint,
} from '@backstage/plugin-catalog-node';
import {
  cloudDiscoveryProvidersExtensionPoint,
  createCloudProviderFactoryCollector,
} from '@sirsi-nexus/plugin-migration-node';
import { CloudDiscoveryEntityProvider } from '../providers';
import {
  CLOUD_INVENTORY_LOCATION_TYPE,
  CloudInventoryProcessor,
} from '../processors';

/**
 * Catalog module that turns discovered cloud and on-prem resources into `Resource` entities:
 * one entity provider per `migration.environments[]` entry, and the `cloud-inventory` location
 * type for inventory files registered as catalog locations.
 *
 * @remarks
 * Other modules of the `catalog` plugin add providers through
 * `cloudDiscoveryProvidersExtensionPoint` from `@sirsi-nexus/plugin-migration-node`.
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
        locations: catalogLocationsExtensionPoint,
      },
      async init({ config, logger, scheduler, urlReader, catalog, locations }) {
        catalog.addEntityProvider(
          CloudDiscoveryEntityProvider.fromConfig(config, {
            logger,
            scheduler,
            urlReader,
            factories: addedProviders.factories(),
          }),
        );
        catalog.addProcessor(
          CloudInventoryProcessor.fromConfig(config, {
            reader: urlReader,
            logger,
          }),
        );
        locations.setAllowedLocationTypes([
          'url',
          CLOUD_INVENTORY_LOCATION_TYPE,
        ]);
      },
    });
  },
});
