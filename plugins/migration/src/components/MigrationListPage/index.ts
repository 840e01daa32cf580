export { MigrationListPage } from './MigrationListPage';
