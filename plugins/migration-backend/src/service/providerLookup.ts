import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  CloudProviderRegistry,
  type CloudProviderFactory,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * The configured environments' providers (`migration.environments[]`) for the engine: the
 * registry of `@sirsi-nexus/plugin-migration-node`, the same one the catalog module discovers
 * with. This is the one place that decides which implementation serves an environment.
 *
 * @param options.factories - providers added by backend modules through
 *   `migrationCloudProvidersExtensionPoint`, by provider name; a built-in name replaces the
 *   built-in provider
 * @public
 */
export function createProviderLookup(
  config: Config,
  options: {
    logger: LoggerService;
    urlReader?: UrlReaderService;
    factories?: Record<string, CloudProviderFactory>;
  },
): CloudProviderLookup {
  const registry = CloudProviderRegistry.fromConfig(config, options);
  if (registry.list().length === 0) {
    options.logger.warn(
      'No migration.environments are configured: migrations cannot be created until one is',
    );
  }
  return registry;
}
