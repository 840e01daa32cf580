/**
 * Backend library of SirsiNexus Migrate: cloud providers and extension points shared by the
 * migration backend plugin and its modules.
 *
 * @packageDocumentation
 */

export * from './executors';
export type {
  CloudProvider,
  CloudProviderLookup,
  DiscoverOptions,
} from './providers/types';
export * from './iac';
export * from './transfer';
export * from './validation';
export * from './optimization';
export * from './support';
export * from './report';
