/**
 * Backend library of SirsiNexus Migrate, free of cloud and AI SDKs: the extension points, the
 * executor API and task context, the capability interfaces clouds implement, the provider
 * registry, and the mapping between discovered resources and catalog entities.
 *
 * @packageDocumentation
 */

export * from './executors';
export * from './providers';
export * from './capabilities';
export * from './catalog';
export * from './discovery';
