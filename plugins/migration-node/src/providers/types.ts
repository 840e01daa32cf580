import type {
  CloudProviderId,
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Options of a discovery run.
 *
 * @public
 */
export interface DiscoverOptions {
  signal?: AbortSignal;
}

/**
 * One configured environment's access to a source or target: on-prem inventory, AWS, Azure, GCP.
 *
 * @public
 */
export interface CloudProvider {
  readonly id: CloudProviderId;
  /** The environment (`migration.environments[].id`) this instance serves. */
  readonly environmentId: string;
  /** Checks credentials, reachability and permissions; each failing check says how to fix it. */
  validate(signal?: AbortSignal): Promise<EnvironmentCheck[]>;
  /** Streams the environment's resources page by page; honours the abort signal. */
  discover(options?: DiscoverOptions): AsyncIterable<DiscoveredResource>;
}

/**
 * The configured environments' providers, by environment id.
 *
 * @public
 */
export interface CloudProviderLookup {
  /** The provider of an environment; undefined when no such environment is configured. */
  get(environmentId: string): CloudProvider | undefined;
  list(): CloudProvider[];
}
