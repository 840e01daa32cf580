/**
 * Backend library of SirsiNexus Migrate: cloud providers and extension points shared by the
 * migration backend plugin and its modules.
 *
 * @packageDocumentation
 */

export * from './executors';
export * from './providers';
export * from './catalog';
export * from './discovery';
export * from './iac';
export * from './assessment';
export * from './transfer';
export * from './validation';
export * from './optimization';
export * from './support';
export * from './report';
export * from './advisor';
