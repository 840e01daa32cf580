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
  migrationCloudProvidersExtensionPoint,
  type CloudProviderFactory,
} from '@sirsi-nexus/plugin-migration-node';
import { InventoryProvider } from './inventory/InventoryProvider';
import {
  CLOUD_INVENTORY_LOCATION_TYPE,
  CloudInventoryProcessor,
} from './processor/CloudInventoryProcessor';

/**
 * Builds the inventory provider (RVTools, Azure Migrate, SirsiNexus inventory files) of one
 * `migration.environments[]` entry with `provider: inventory`.
 *
 * @public
 */
export const inventoryProviderFactory: CloudProviderFactory = ({
  config,
  environment,
  logger,
  urlReader,
}) =>
  InventoryProvider.fromConfig(config, {
    environmentId: environment.id,
    title: environment.title,
    owner: environment.owner,
    logger,
    urlReader,
  });

/**
 * The inventory module of the `migration` plugin: environments with `provider: inventory` can
 * be validated, assessed and migrated.
 *
 * @public
 */
export const migrationModuleInventory = createBackendModule({
  pluginId: 'migration',
  moduleId: 'inventory',
  register(env) {
    env.registerInit({
      deps: { providers: migrationCloudProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProviderFactory('inventory', inventoryProviderFactory);
      },
    });
  },
});

/**
 * The inventory module of catalog discovery: environments with `provider: inventory` appear in
 * the catalog as `Resource` entities, and inventory files can be registered as catalog
 * locations (`cloud-inventory`, or a `url` ending in `.inventory.yaml|yml|json`).
 *
 * @public
 */
export const catalogModuleInventoryDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery-inventory',
  register(env) {
    env.registerInit({
      deps: {
        providers: cloudDiscoveryProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        urlReader: coreServices.urlReader,
        catalog: catalogProcessingExtensionPoint,
        locations: catalogLocationsExtensionPoint,
      },
      async init({ providers, config, logger, urlReader, catalog, locations }) {
        providers.addProviderFactory('inventory', inventoryProviderFactory);
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
