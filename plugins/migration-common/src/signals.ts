import type { MigrationPhase } from './phases';
import type { MigrationStatus, TaskStatus } from './migration';

/**
 * Signal channel carrying live updates of every migration; payloads name the migration.
 *
 * @public
 */
export const MIGRATION_SIGNAL_CHANNEL = 'migration:updates';

/**
 * Payload of a live update. Carries ids and states only, never task output or secrets; clients
 * refetch what they show.
 *
 * @public
 */
export type MigrationSignal = {
  migrationId: string;
  /** What changed. */
  type: 'migration' | 'phase' | 'task' | 'approval' | 'artifact';
  status?: MigrationStatus;
  phase?: MigrationPhase;
  taskId?: string;
  taskStatus?: TaskStatus;
  /** Task progress 0–1 for `task` updates. */
  progress?: number;
  /** Artifact name for `artifact` updates. */
  artifact?: string;
};
