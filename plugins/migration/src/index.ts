/**
 * Frontend plugin of SirsiNexus Migrate: migrations list and detail, approvals inbox, entity page
 * card and tab.
 *
 * @packageDocumentation
 */

export {
  migrationPlugin,
  MigrationsPage,
  EntityMigrationCard,
  EntityMigrationContent,
} from './plugin';
export { migrationApiRef, MigrationClient } from './api';
export type { MigrationApi, MigrationControl } from './api';
