/**
 * Scaffolder module of SirsiNexus Migrate: `migration:*` template actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMigration as default } from './module/scaffolderModuleMigration';
export * from './actions';
export { MigrationApiClient } from './client/MigrationApiClient';
