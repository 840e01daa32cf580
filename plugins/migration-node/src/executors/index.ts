export type {
  ArtifactReader,
  MigrationExecutor,
  PlanContext,
  TaskContext,
  TaskJournal,
  TaskSpec,
} from './types';
export {
  migrationExecutorsExtensionPoint,
  type MigrationExecutorsExtensionPoint,
} from './extensionPoint';
export {
  createMockMigration,
  createMockTaskContext,
} from './createMockTaskContext';
export { PermanentTaskError, TaskDeferral } from './errors';
export { readArtifact, writeArtifact, writeParsedArtifact } from './artifacts';
export {
  entityRefOf,
  readMigrationResources,
  type MigrationResource,
} from './migrationResources';
