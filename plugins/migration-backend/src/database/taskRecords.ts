import type { JsonObject } from '@backstage/types';
import type {
  MigrationPhase,
  MigrationStatus,
  TaskStatus,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * What a worker asks for when it claims: up to `limit` ready tasks, leased to `workerId` for
 * `leaseDurationMs`.
 *
 * @public
 */
export interface ClaimRequest {
  workerId: string;
  limit: number;
  leaseDurationMs: number;
}

/**
 * A task a worker holds a lease on.
 *
 * @public
 */
export interface ClaimedTask {
  id: string;
  migrationId: string;
  phase: MigrationPhase;
  taskType: string;
  key: string;
  title: string;
  mode: 'run' | 'compensate';
  compensatesTaskId?: string;
  input: JsonObject;
  /** 1 on the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** Proves the lease: every write of the run must present it. */
  leaseToken: string;
  /** When the task became claimable (database clock, epoch ms). */
  availableAt: number;
  /** When the claim happened (database clock, epoch ms). */
  claimedAt: number;
}

/**
 * What a task completion or failure changed, for the caller to publish and advance.
 *
 * @public
 */
export interface TaskOutcome {
  taskId: string;
  migrationId: string;
  phase: MigrationPhase;
  mode: 'run' | 'compensate';
  status: TaskStatus;
  /** Dependents that became ready. */
  promotedTaskIds: string[];
  /**
   * No task of this phase (or of the rollback) is left waiting; some may still be running on
   * other workers. The caller tries to advance the migration, which completes the phase once the
   * last one finished. (Every finisher of the tail tries, so one of them sees all finished.)
   */
  phaseSettled: boolean;
  /** The migration's status after the change, when it changed. */
  migrationStatus?: MigrationStatus;
  /** When a retry was scheduled, when it becomes claimable (epoch ms). */
  nextAttemptAt?: number;
  /** Tasks claimed in the same round trip (`claimNext` of a completion), now leased to the caller. */
  claimed?: ClaimedTask[];
}
