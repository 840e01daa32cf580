import type {
  CloudProviderId,
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Receives what a discovery run noticed without stopping: rejected rows, unresolved
 * dependencies, skipped regions, and counters of what was read.
 *
 * @public
 */
export interface DiscoveryReporter {
  /** A problem that did not stop discovery, e.g. `vinfo.csv line 12: CPUs "four" is not a number; row skipped`. */
  warn(message: string): void;
  /** Adds `by` (default 1) to a named counter such as `rowsRead`, `rowsRejected` or `pages`. */
  count(counter: string, by?: number): void;
}

/**
 * Options of a discovery run.
 *
 * @public
 */
export interface DiscoverOptions {
  signal?: AbortSignal;
  /** Where warnings and counters go; discovery works without one. */
  reporter?: DiscoveryReporter;
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
  /** Display name of the environment (`migration.environments[].title`). */
  readonly title?: string;
  /** Default owner entity ref of the environment's resources (`migration.environments[].owner`). */
  readonly owner?: string;
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
