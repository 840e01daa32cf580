import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CloudProviderFactory } from './registry';

/**
 * Lets backend modules add cloud providers: the factory builds the provider of every
 * `migration.environments[]` entry whose `provider` is the given name.
 *
 * @remarks
 * The name must match `[a-z][a-z0-9-]*` and may be added once per plugin; either mistake fails
 * the module's start-up with an `InputError` naming the provider. The cloud packages
 * (`@sirsi-nexus/plugin-migration-backend-module-{inventory,aws,azure,gcp}`) add theirs this way;
 * a module of your own may add another, or install instead of one of them under its name.
 *
 * Each plugin has its own extension point: {@link migrationCloudProvidersExtensionPoint} for the
 * migration engine, {@link cloudDiscoveryProvidersExtensionPoint} for catalog discovery. Add a
 * provider to both so that its environments can be discovered and migrated.
 *
 * @public
 */
export interface CloudProvidersExtensionPoint {
  /**
   * Adds (or replaces) the provider named `provider`.
   *
   * @throws InputError when the name is not `[a-z][a-z0-9-]*` or was added before.
   */
  addProviderFactory(provider: string, factory: CloudProviderFactory): void;
}

/**
 * Extension point for cloud providers of the `migration` backend plugin (the engine and its REST
 * API), for modules with `pluginId: 'migration'`.
 *
 * @public
 */
export const migrationCloudProvidersExtensionPoint =
  createExtensionPoint<CloudProvidersExtensionPoint>({
    id: 'migration.cloud-providers',
  });

/**
 * Extension point for cloud providers of catalog discovery (the `cloud-discovery` module of the
 * `catalog` plugin), for modules with `pluginId: 'catalog'`.
 *
 * @public
 */
export const cloudDiscoveryProvidersExtensionPoint =
  createExtensionPoint<CloudProvidersExtensionPoint>({
    id: 'catalog.cloud-discovery.providers',
  });

const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * What a plugin registers for {@link CloudProvidersExtensionPoint}, and the factories modules
 * added through it, for `CloudProviderRegistry.fromConfig(config, { factories })`.
 *
 * @public
 */
export interface CloudProviderFactoryCollector {
  /** The implementation to pass to `env.registerExtensionPoint`. */
  extensionPoint: CloudProvidersExtensionPoint;
  /**
   * The factories added so far, by provider name. Once this is called, adding more throws: a
   * provider added after the registry was built would be silently ignored.
   */
  factories(): Record<string, CloudProviderFactory>;
}

/**
 * Collects the provider factories that modules add through a {@link CloudProvidersExtensionPoint},
 * checking names and refusing duplicates.
 *
 * @param extensionPointId - named in the errors, e.g. `migration.cloud-providers`
 * @public
 */
export function createCloudProviderFactoryCollector(
  extensionPointId: string,
): CloudProviderFactoryCollector {
  const added = new Map<string, CloudProviderFactory>();
  let sealed = false;
  return {
    extensionPoint: {
      addProviderFactory(provider, factory) {
        if (sealed) {
          throw new Error(
            `${extensionPointId}: provider "${provider}" was added after the providers were built; add providers in a module's init`,
          );
        }
        if (typeof provider !== 'string' || !PROVIDER_NAME.test(provider)) {
          throw new InputError(
            `${extensionPointId}: provider name "${provider}" must be lower-case letters, digits and dashes, starting with a letter`,
          );
        }
        if (added.has(provider)) {
          throw new InputError(
            `${extensionPointId}: provider "${provider}" is added twice; each provider name may be added once`,
          );
        }
        if (typeof factory !== 'function') {
          throw new InputError(
            `${extensionPointId}: the factory of provider "${provider}" is not a function`,
          );
        }
        added.set(provider, factory);
      },
    },
    factories() {
      sealed = true;
      return Object.fromEntries(added);
    },
  };
}
