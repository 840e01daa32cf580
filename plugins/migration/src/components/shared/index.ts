export * from './format';
export {
  MigrationStatusChip,
  StatusChip,
  migrationStatusLabel,
  statusTone,
} from './StatusChip';
export { PhaseProgressBar, segmentFills } from './PhaseProgressBar';
export {
  RequestMigrationButton,
  useRequestMigrationLink,
} from './RequestMigrationButton';
export { MigrationsTable } from './MigrationsTable';
export type { MigrationsTableProps } from './MigrationsTable';
