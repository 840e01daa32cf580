export { EntityMigrationCard } from './EntityMigrationCard';
