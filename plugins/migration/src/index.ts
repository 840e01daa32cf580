/**
 * Frontend plugin of SirsiNexus Migrate.
 *
 * @packageDocumentation
 */

export { migrationPlugin, MigrationsPage } from './plugin';
