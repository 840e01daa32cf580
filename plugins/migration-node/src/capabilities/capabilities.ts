import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { DnsCutover } from './dnsCutover';
import type { ImageCopier } from './imageCopier';
import type { PriceSource } from './priceSource';
import type { ServerReplicator } from './serverReplicator';
import type { TargetNetworks } from './targetNetworks';
import type { ObjectStorage } from './storage';

/**
 * What a cloud contributes to migrations beyond discovery. A cloud that lacks a capability makes
 * the phase that needs it say so (skipped with a reason) instead of pretending.
 *
 * @public
 */
export interface CloudCapabilities {
  /** Object storage as the destination of migrated data. */
  storage?: ObjectStorage;
  /** Machine-image copies between regions, for moves within the cloud. */
  imageCopier?: ImageCopier;
  /**
   * The cloud's server migration service (replication, test launch, cutover) for a migration to
   * `target`; undefined when it is not configured for that target.
   */
  serverReplicator?(target: CapabilityTarget): ServerReplicator | undefined;
  /** The cloud's DNS service for the cutover of names; undefined when no zone is configured. */
  dnsCutover?(target: CapabilityTarget): DnsCutover | undefined;
  /** The cloud's public instance price list, read by the scheduled price refresh. */
  priceSource?: PriceSource;
  /** The networks that exist in a target environment, for the landing-zone check. */
  targetNetworks?: TargetNetworks;
}

/**
 * The migration target a capability serves: its region and, when set, the configured target
 * environment whose credentials to use.
 *
 * @public
 */
export interface CapabilityTarget {
  provider: string;
  region: string;
  environmentId?: string;
}

/**
 * What a capabilities factory gets: the root config and a logger.
 *
 * @public
 */
export interface CloudCapabilitiesFactoryOptions {
  config: Config;
  logger: LoggerService;
}

/**
 * Builds a cloud's capabilities once per backend.
 *
 * @public
 */
export type CloudCapabilitiesFactory = (
  options: CloudCapabilitiesFactoryOptions,
) => CloudCapabilities;

/**
 * The capabilities of the installed clouds, by provider id (`aws`, `azure`, `gcp`, …).
 *
 * @public
 */
export interface CloudCapabilityLookup {
  /** The capabilities of a cloud; an empty object when no module added any. */
  get(provider: string): CloudCapabilities;
  /** The object storage serving a URL scheme, e.g. `s3`. */
  storageForScheme(scheme: string): ObjectStorage | undefined;
}

/**
 * A {@link CloudCapabilityLookup} over fixed capabilities, e.g. the ones modules added.
 *
 * @public
 */
export function createCloudCapabilityLookup(
  capabilities: Record<string, CloudCapabilities>,
): CloudCapabilityLookup {
  return {
    get: provider =>
      Object.hasOwn(capabilities, provider) ? capabilities[provider] : {},
    storageForScheme: scheme =>
      Object.values(capabilities)
        .map(c => c.storage)
        .find(s => s?.scheme === scheme),
  };
}
