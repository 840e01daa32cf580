import type { MigrationPhase } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';

/**
 * The phase executors the engine knows, by task type. Registering a task type again replaces the
 * earlier executor, which is how modules replace the built-in executors.
 *
 * @public
 */
export class ExecutorRegistry {
  private readonly byType = new Map<string, MigrationExecutor>();

  add(...executors: MigrationExecutor[]): void {
    for (const executor of executors) {
      if (!executor.taskType || !executor.phase) {
        throw new Error('A migration executor needs a phase and a taskType');
      }
      // Delete first so a replacement moves to the end of the planning order.
      this.byType.delete(executor.taskType);
      this.byType.set(executor.taskType, executor);
    }
  }

  get(taskType: string): MigrationExecutor | undefined {
    return this.byType.get(taskType);
  }

  /** Executors of a phase, in registration order. */
  forPhase(phase: MigrationPhase): MigrationExecutor[] {
    return [...this.byType.values()].filter(e => e.phase === phase);
  }

  list(): MigrationExecutor[] {
    return [...this.byType.values()];
  }
}
