import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { EnvironmentCheck } from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudProvider,
  CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * A configured environment's metadata, as `GET /providers` lists it.
 *
 * @public
 */
export interface ConfiguredEnvironment {
  id: string;
  provider: string;
  owner?: string;
  title?: string;
}

/** Reads `migration.environments[]` (id, provider, owner, title); the provider blocks are not ours. */
export function readConfiguredEnvironments(
  config: Config,
): ConfiguredEnvironment[] {
  const list = config.getOptionalConfigArray('migration.environments') ?? [];
  return list.map((env, index) => {
    const id = env.getOptionalString('id');
    const provider = env.getOptionalString('provider');
    if (!id || !provider) {
      throw new Error(
        `migration.environments[${index}] needs an id and a provider`,
      );
    }
    return {
      id,
      provider,
      owner: env.getOptionalString('owner'),
      title: env.getOptionalString('title'),
    };
  });
}

/**
 * Stands in for an environment until the provider registry of `@sirsi-nexus/plugin-migration-node`
 * is wired here: it says honestly that no live check ran.
 */
class ConfiguredOnlyProvider implements CloudProvider {
  constructor(readonly environmentId: string, readonly id: string) {}

  async validate(): Promise<EnvironmentCheck[]> {
    return [
      {
        id: 'provider-installed',
        title: 'Provider implementation',
        status: 'warn',
        message: `Environment ${this.environmentId} is configured with provider "${this.id}", but no provider implementation is installed in this backend, so credentials and reachability were not checked.`,
        remediation:
          'Install the cloud provider registry of @sirsi-nexus/plugin-migration-node in the migration backend.',
      },
    ];
  }

  async *discover() {
    // Nothing to discover without a provider implementation.
  }
}

/**
 * The configured environments' providers for the engine. This is the one place that decides
 * which provider implementation serves an environment.
 *
 * @public
 */
export function createProviderLookup(
  config: Config,
  logger: LoggerService,
): CloudProviderLookup {
  const providers = new Map<string, CloudProvider>();
  for (const env of readConfiguredEnvironments(config)) {
    providers.set(env.id, new ConfiguredOnlyProvider(env.id, env.provider));
  }
  if (providers.size === 0) {
    logger.warn(
      'No migration.environments are configured: migrations cannot be created until one is',
    );
  }
  return {
    get: id => providers.get(id),
    list: () => [...providers.values()],
  };
}
