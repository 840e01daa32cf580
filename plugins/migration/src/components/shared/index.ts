export * from './format';
export { StatusChip, statusTone } from './StatusChip';
export { PhaseProgressBar, segmentFills } from './PhaseProgressBar';
export {
  RequestMigrationButton,
  useRequestMigrationLink,
} from './RequestMigrationButton';
export { MigrationsTable } from './MigrationsTable';
export type { MigrationsTableProps } from './MigrationsTable';
