export { EntityMigrationContent } from './EntityMigrationContent';
