import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CloudProvider, CloudProviderLookup } from './types';

/**
 * What a provider factory gets for one configured environment.
 *
 * @public
 */
export interface CloudProviderFactoryOptions {
  /** The environment's own config block (`migration.environments[i]`). */
  config: Config;
  /** The root config, for integrations such as `aws.accounts`. */
  rootConfig: Config;
  environment: { id: string; title?: string; owner?: string };
  logger: LoggerService;
  urlReader?: UrlReaderService;
}

/**
 * Builds the provider of one environment from its config.
 *
 * @public
 */
export type CloudProviderFactory = (
  options: CloudProviderFactoryOptions,
) => CloudProvider;

const ENVIRONMENT_ID = /^[a-z0-9][a-z0-9-]{0,30}$/;

/**
 * The configured environments (`migration.environments[]`) and their providers.
 *
 * @public
 */
export class CloudProviderRegistry implements CloudProviderLookup {
  /**
   * Reads `migration.environments[]`: `{ id, provider, title?, owner?, <provider block> }`.
   *
   * @param options.factories - the providers by provider name, as cloud modules added them
   *   through the providers extension points
   * @throws InputError naming the config key when an environment is misconfigured.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      urlReader?: UrlReaderService;
      factories?: Record<string, CloudProviderFactory>;
    },
  ): CloudProviderRegistry {
    const factories = options.factories ?? {};
    const environments =
      config.getOptionalConfigArray('migration.environments') ?? [];
    const providers = new Map<string, CloudProvider>();
    environments.forEach((envConfig, index) => {
      const key = `migration.environments[${index}]`;
      const id = envConfig.getOptionalString('id');
      if (!id || !ENVIRONMENT_ID.test(id)) {
        throw new InputError(
          `${key}.id must be 1-31 lower-case letters, digits and dashes, starting with a letter or digit${
            id ? ` (got "${id}")` : ''
          }`,
        );
      }
      if (providers.has(id)) {
        throw new InputError(
          `${key}.id "${id}" is used by another environment`,
        );
      }
      const providerName = envConfig.getOptionalString('provider');
      const factory =
        providerName && Object.hasOwn(factories, providerName)
          ? factories[providerName]
          : undefined;
      if (!providerName || !factory) {
        const known = Object.keys(factories);
        throw new InputError(
          known.length === 0
            ? `${key}.provider "${providerName}": no cloud provider is installed; add the package of the source or target, e.g. backend.add(import('@sirsi-nexus/plugin-migration-backend-module-${
                providerName ?? 'inventory'
              }'))`
            : `${key}.provider must be one of ${known.join(', ')}${
                providerName ? ` (got "${providerName}")` : ''
              }`,
        );
      }
      const environment = {
        id,
        title: envConfig.getOptionalString('title'),
        owner: envConfig.getOptionalString('owner'),
      };
      try {
        providers.set(
          id,
          factory({
            config: envConfig,
            rootConfig: config,
            environment,
            logger: options.logger.child({ environment: id }),
            urlReader: options.urlReader,
          }),
        );
      } catch (error) {
        throw new InputError(
          `${key} (${id}): ${(error as Error).message}`,
          error,
        );
      }
    });
    return new CloudProviderRegistry(providers);
  }

  private constructor(private readonly providers: Map<string, CloudProvider>) {}

  get(environmentId: string): CloudProvider | undefined {
    return this.providers.get(environmentId);
  }

  list(): CloudProvider[] {
    return [...this.providers.values()];
  }
}
