import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { CloudCapabilitiesFactory } from './capabilities';

/**
 * Lets the cloud modules of the `migration` plugin add what their cloud can do beyond discovery:
 * object storage, image copies (and, as they come, server replication and DNS cutover).
 *
 * @public
 */
export interface CloudCapabilitiesExtensionPoint {
  /**
   * Adds the capabilities of the cloud whose provider id is `provider`.
   *
   * @throws InputError when the name is not `[a-z][a-z0-9-]*` or was added before.
   */
  addCapabilities(provider: string, factory: CloudCapabilitiesFactory): void;
}

/**
 * Extension point for cloud capabilities of the `migration` backend plugin.
 *
 * @public
 */
export const migrationCloudCapabilitiesExtensionPoint =
  createExtensionPoint<CloudCapabilitiesExtensionPoint>({
    id: 'migration.cloud-capabilities',
  });

const PROVIDER_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * Collects what modules add through {@link CloudCapabilitiesExtensionPoint}.
 *
 * @public
 */
export function createCloudCapabilitiesCollector(): {
  extensionPoint: CloudCapabilitiesExtensionPoint;
  factories(): Record<string, CloudCapabilitiesFactory>;
} {
  const added = new Map<string, CloudCapabilitiesFactory>();
  let sealed = false;
  const id = migrationCloudCapabilitiesExtensionPoint.id;
  return {
    extensionPoint: {
      addCapabilities(provider, factory) {
        if (sealed) {
          throw new Error(
            `${id}: capabilities of "${provider}" were added after the plugin started; add them in a module's init`,
          );
        }
        if (typeof provider !== 'string' || !PROVIDER_NAME.test(provider)) {
          throw new InputError(
            `${id}: provider name "${provider}" must be lower-case letters, digits and dashes, starting with a letter`,
          );
        }
        if (added.has(provider)) {
          throw new InputError(
            `${id}: the capabilities of "${provider}" are added twice; each cloud may add them once`,
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
