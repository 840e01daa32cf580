/**
 * Scaffolder module of SirsiNexus Migrate: `migration:*` template actions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleMigration as default } from './module/scaffolderModuleMigration';
