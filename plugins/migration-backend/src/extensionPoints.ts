import type {
  BackendPluginRegistrationPoints,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  createCloudCapabilitiesCollector,
  createCloudCapabilityLookup,
  createCloudProviderFactoryCollector,
  migrationCloudCapabilitiesExtensionPoint,
  migrationCloudProvidersExtensionPoint,
  migrationExecutorsExtensionPoint,
  type CloudCapabilityLookup,
  type CloudProviderFactory,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';

/** What modules added through the plugin's extension points. */
export interface MigrationExtensions {
  /** Executors added by modules; they replace the default executors of the same task type. */
  executors(): MigrationExecutor[];
  /** Cloud provider factories by provider name. */
  providerFactories(): Record<string, CloudProviderFactory>;
  /** The installed clouds' capabilities, built for this plugin. */
  capabilities(options: {
    config: RootConfigService;
    logger: LoggerService;
  }): CloudCapabilityLookup;
}

/**
 * Registers the plugin's extension points (executors, cloud providers, cloud capabilities) and
 * returns what modules add through them.
 */
export function registerMigrationExtensionPoints(
  env: Pick<BackendPluginRegistrationPoints, 'registerExtensionPoint'>,
): MigrationExtensions {
  const executors: MigrationExecutor[] = [];
  env.registerExtensionPoint(migrationExecutorsExtensionPoint, {
    addExecutor(...added) {
      executors.push(...added);
    },
  });
  const providers = createCloudProviderFactoryCollector(
    migrationCloudProvidersExtensionPoint.id,
  );
  env.registerExtensionPoint(
    migrationCloudProvidersExtensionPoint,
    providers.extensionPoint,
  );
  const capabilities = createCloudCapabilitiesCollector();
  env.registerExtensionPoint(
    migrationCloudCapabilitiesExtensionPoint,
    capabilities.extensionPoint,
  );
  return {
    executors: () => executors,
    providerFactories: () => providers.factories(),
    capabilities: ({ config, logger }) =>
      createCloudCapabilityLookup(
        Object.fromEntries(
          Object.entries(capabilities.factories()).map(
            ([provider, factory]) => [
              provider,
              factory({ config, logger: logger.child({ cloud: provider }) }),
            ],
          ),
        ),
      ),
  };
}
