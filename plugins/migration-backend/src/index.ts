/**
 * The migration backend plugin of SirsiNexus Migrate.
 *
 * @packageDocumentation
 */

export { migrationPlugin as default } from './plugin';
