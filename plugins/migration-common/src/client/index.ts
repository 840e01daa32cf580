export {
  MigrationClient,
  type MigrationControl,
  type MigrationRequestOptions,
} from './MigrationClient';
