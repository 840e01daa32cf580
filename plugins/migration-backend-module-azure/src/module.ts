import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  cloudDiscoveryProvidersExtensionPoint,
  migrationCloudCapabilitiesExtensionPoint,
  migrationCloudProvidersExtensionPoint,
  type CloudProviderFactory,
} from '@sirsi-nexus/plugin-migration-node';
import { createAzureCapabilities } from './capabilities/azureCapabilities';
import { AzureProvider } from './discovery/AzureProvider';

/**
 * Builds the Azure (Resource Manager) provider of one `migration.environments[]` entry with `provider: azure`.
 *
 * @public
 */
export const azureProviderFactory: CloudProviderFactory = ({
  config,
  environment,
  logger,
}) => AzureProvider.fromConfig(config, { environment, logger });

/**
 * The Azure module of the `migration` plugin: environments with `provider: azure` can be
 * validated, assessed and migrated, with Blob Storage as the data destination, server migration
 * through Azure Migrate (Site Recovery) and the DNS cutover on Azure DNS.
 *
 * @public
 */
export const migrationModuleAzure = createBackendModule({
  pluginId: 'migration',
  moduleId: 'azure',
  register(env) {
    env.registerInit({
      deps: {
        providers: migrationCloudProvidersExtensionPoint,
        capabilities: migrationCloudCapabilitiesExtensionPoint,
      },
      async init({ providers, capabilities }) {
        providers.addProviderFactory('azure', azureProviderFactory);
        capabilities.addCapabilities('azure', ({ config, logger }) =>
          createAzureCapabilities({ config, logger }),
        );
      },
    });
  },
});

/**
 * The Azure module of catalog discovery (the `cloud-discovery` module of the `catalog`
 * plugin): environments with `provider: azure` appear in the catalog as `Resource` entities.
 *
 * @public
 */
export const catalogModuleAzureDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery-azure',
  register(env) {
    env.registerInit({
      deps: { providers: cloudDiscoveryProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProviderFactory('azure', azureProviderFactory);
      },
    });
  },
});
