/**
 * Shared types, phases, permissions and signal channels of SirsiNexus Migrate.
 *
 * @packageDocumentation
 */

export * from './phases';
export * from './resources';
export * from './migration';
export * from './permissions';
export * from './signals';
export * from './api';
export * from './execution';
export * from './replication';
export * from './iac';
export * from './assessment';
export * from './text';
export * from './compliance';
export * from './contract';
export * from './client';
export type {
  ObservedUtilization,
  ReoptimizeRequest,
  RevalidateRequest,
  ValidationEndpoint,
} from './schema/openapi';
export * from './concurrency';
