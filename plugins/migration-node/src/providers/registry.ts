import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { AwsProvider } from './aws/AwsProvider';
import { AzureProvider } from './azure/AzureProvider';
import { GcpProvider } from './gcp/GcpProvider';
import { InventoryProvider } from './inventory/InventoryProvider';
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

/**
 * The built-in providers by `migration.environments[].provider`.
 *
 * @public
 */
export const defaultCloudProviderFactories: Record<
  string,
  CloudProviderFactory
> = {
  inventory: ({ config, environment, logger, urlReader }) =>
    InventoryProvider.fromConfig(config, {
      environmentId: environment.id,
      title: environment.title,
      owner: environment.owner,
      logger,
      urlReader,
    }),
  aws: ({ config, rootConfig, environment, logger }) =>
    AwsProvider.fromConfig(config, { rootConfig, environment, logger }),
  azure: ({ config, environment, logger }) =>
    AzureProvider.fromConfig(config, { environment, logger }),
  gcp: ({ config, environment, logger }) =>
    GcpProvider.fromConfig(config, { environment, logger }),
};

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
   * @param options.factories - extra providers by provider name; a built-in name (`inventory`,
   *   `aws`, `azure`, `gcp`) replaces that built-in provider
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
    const factories = {
      ...defaultCloudProviderFactories,
      ...options.factories,
    };
    for (const name of Object.keys(options.factories ?? {})) {
      if (Object.hasOwn(defaultCloudProviderFactories, name)) {
        options.logger.info(`The built-in "${name}" provider is replaced`);
      }
    }
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
        throw new InputError(
          `${key}.provider must be one of ${Object.keys(factories).join(', ')}${
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
