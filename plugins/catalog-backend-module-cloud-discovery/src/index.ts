/**
 * Catalog module of SirsiNexus Migrate: discovered resources as catalog entities.
 *
 * @packageDocumentation
 */

export { catalogModuleCloudDiscovery as default } from './module/catalogModuleCloudDiscovery';
export * from './providers';
