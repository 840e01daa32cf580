import type { LoggerService } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type MigrationSignal,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Publishes live updates on {@link MIGRATION_SIGNAL_CHANNEL} after state changes are committed.
 * A failed publish is logged, never thrown: pages fall back to polling. Every committed state
 * change passes here, so the notifier listens here too: `onStateChange` is not awaited (a slow
 * notifications service never holds up the engine) and must not throw.
 *
 * @public
 */
export class SignalPublisher {
  constructor(
    private readonly signals: SignalsService | undefined,
    private readonly logger: LoggerService,
    private readonly onStateChange?: (signal: MigrationSignal) => Promise<void>,
  ) {}

  async publish(signal: MigrationSignal): Promise<void> {
    void this.onStateChange?.(signal);
    if (!this.signals) {
      return;
    }
    const message = Object.fromEntries(
      Object.entries(signal).filter(([, v]) => v !== undefined),
    ) as MigrationSignal;
    try {
      await this.signals.publish<MigrationSignal>({
        recipients: { type: 'broadcast' },
        channel: MIGRATION_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      this.logger.warn(
        `Could not publish a migration signal for ${signal.migrationId}: ${error}`,
      );
    }
  }
}
