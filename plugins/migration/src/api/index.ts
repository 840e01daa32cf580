export { migrationApiRef } from './MigrationApi';
export type { MigrationApi, MigrationControl } from './MigrationApi';
export { MigrationClient } from './MigrationClient';
