import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  cloudDiscoveryProvidersExtensionPoint,
  migrationCloudCapabilitiesExtensionPoint,
  migrationCloudProvidersExtensionPoint,
  type CloudProviderFactory,
} from '@sirsi-nexus/plugin-migration-node';
import { createGcpCapabilities } from './capabilities/gcpCapabilities';
import { GcpProvider } from './discovery/GcpProvider';

/**
 * Builds the Google Cloud (Compute Engine) provider of one `migration.environments[]` entry with `provider: gcp`.
 *
 * @public
 */
export const gcpProviderFactory: CloudProviderFactory = ({
  config,
  environment,
  logger,
}) => GcpProvider.fromConfig(config, { environment, logger });

/**
 * The Google Cloud module of the `migration` plugin: environments with `provider: gcp` can be
 * validated, assessed and migrated, with Cloud Storage as the data destination, server
 * replication through Migrate to Virtual Machines and DNS cutover with Cloud DNS.
 *
 * @public
 */
export const migrationModuleGcp = createBackendModule({
  pluginId: 'migration',
  moduleId: 'gcp',
  register(env) {
    env.registerInit({
      deps: {
        providers: migrationCloudProvidersExtensionPoint,
        capabilities: migrationCloudCapabilitiesExtensionPoint,
      },
      async init({ providers, capabilities }) {
        providers.addProviderFactory('gcp', gcpProviderFactory);
        capabilities.addCapabilities('gcp', ({ config, logger }) =>
          createGcpCapabilities({ config, logger }),
        );
      },
    });
  },
});

/**
 * The Google Cloud module of catalog discovery (the `cloud-discovery` module of the `catalog`
 * plugin): environments with `provider: gcp` appear in the catalog as `Resource` entities.
 *
 * @public
 */
export const catalogModuleGcpDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery-gcp',
  register(env) {
    env.registerInit({
      deps: { providers: cloudDiscoveryProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProviderFactory('gcp', gcpProviderFactory);
      },
    });
  },
});
