export { migrationApiRef } from './MigrationApi';
export type { MigrationApi } from './MigrationApi';
export type { MigrationControl } from '@sirsi-nexus/plugin-migration-common';
export { MigrationClient } from './MigrationClient';
