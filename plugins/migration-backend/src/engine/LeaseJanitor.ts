import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MigrationStore } from '../database/MigrationStore';
import type { LocalEvents } from './LocalEvents';
import type { PhaseAdvancer } from './PhaseAdvancer';
import type { SignalPublisher } from './SignalPublisher';

/**
 * Periodic repair, safe to run on every replica at once: returns expired leases (their tasks run
 * again without losing an attempt, or fail when their workers kept dying) and re-examines active migrations so a replica that died
 * between finishing a task and opening the next phase cannot leave a migration stuck.
 *
 * @public
 */
export class LeaseJanitor {
  private timer?: NodeJS.Timeout;
  private current?: Promise<void>;

  constructor(
    private readonly deps: {
      store: MigrationStore;
      advancer: PhaseAdvancer;
      signals: SignalPublisher;
      events: LocalEvents;
      logger: LoggerService;
      intervalMs: number;
      /** `migration.engine.maxLeaseExpiries`. */
      maxLeaseExpiries?: number;
    },
  ) {}

  start(): void {
    if (this.timer) {
      return;
    }
    this.timer = setInterval(() => {
      if (!this.current) {
        this.current = this.runOnce().finally(() => {
          this.current = undefined;
        });
      }
    }, this.deps.intervalMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** One pass; errors are logged, never thrown. */
  async runOnce(): Promise<void> {
    const { store, signals, events, logger, advancer } = this.deps;
    try {
      const expired = await store.returnExpiredLeases({
        maxLeaseExpiries: this.deps.maxLeaseExpiries,
      });
      for (const lease of expired) {
        logger.warn(
          `Task ${lease.taskId} of migration ${lease.migrationId} lost its worker; it is now ${lease.status}`,
        );
        await signals.publish({
          migrationId: lease.migrationId,
          type: 'task',
          phase: lease.phase,
          taskId: lease.taskId,
          taskStatus: lease.status,
        });
        if (lease.migrationStatus) {
          await signals.publish({
            migrationId: lease.migrationId,
            type: 'migration',
            status: lease.migrationStatus,
          });
        }
      }
      if (expired.some(lease => lease.status === 'ready')) {
        events.workAvailable();
      }
      for (const id of await store.listActiveMigrationIds()) {
        await advancer.advance(id);
      }
    } catch (error) {
      logger.warn(`Migration janitor pass failed: ${error}`);
    }
  }
}
