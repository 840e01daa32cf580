export { MigrationDetailPage } from './MigrationDetailPage';
