import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  cloudDiscoveryProvidersExtensionPoint,
  migrationCloudCapabilitiesExtensionPoint,
  migrationCloudProvidersExtensionPoint,
  type CloudProviderFactory,
} from '@sirsi-nexus/plugin-migration-node';
import { createAwsCapabilities } from './capabilities/awsCapabilities';
import { AwsProvider } from './discovery/AwsProvider';

/**
 * Builds the AWS (EC2) provider of one `migration.environments[]` entry with `provider: aws`.
 *
 * @public
 */
export const awsProviderFactory: CloudProviderFactory = ({
  config,
  rootConfig,
  environment,
  logger,
}) => AwsProvider.fromConfig(config, { rootConfig, environment, logger });

/**
 * The AWS module of the `migration` plugin: environments with `provider: aws` can be
 * validated, assessed and migrated, with S3 as the data destination and AMI copies.
 *
 * @public
 */
export const migrationModuleAws = createBackendModule({
  pluginId: 'migration',
  moduleId: 'aws',
  register(env) {
    env.registerInit({
      deps: {
        providers: migrationCloudProvidersExtensionPoint,
        capabilities: migrationCloudCapabilitiesExtensionPoint,
      },
      async init({ providers, capabilities }) {
        providers.addProviderFactory('aws', awsProviderFactory);
        capabilities.addCapabilities('aws', ({ config }) =>
          createAwsCapabilities({ config }),
        );
      },
    });
  },
});

/**
 * The AWS module of catalog discovery (the `cloud-discovery` module of the `catalog`
 * plugin): environments with `provider: aws` appear in the catalog as `Resource` entities.
 *
 * @public
 */
export const catalogModuleAwsDiscovery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'cloud-discovery-aws',
  register(env) {
    env.registerInit({
      deps: { providers: cloudDiscoveryProvidersExtensionPoint },
      async init({ providers }) {
        providers.addProviderFactory('aws', awsProviderFactory);
      },
    });
  },
});
