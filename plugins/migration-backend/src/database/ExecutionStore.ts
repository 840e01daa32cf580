import type {
  ReceivedAlert,
  SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import type { AlertmanagerAlert } from '@sirsi-nexus/plugin-migration-iac-node';
import type { AlertLink } from '../service/execution/alertResources';

/**
 * An alert after it was recorded: `changed` when it is new or its status changed, false when it
 * repeats what was known (Alertmanager re-sends firing alerts every `repeat_interval`).
 *
 * @public
 */
export interface RecordedAlert {
  alert: ReceivedAlert;
  changed: boolean;
}

/**
 * Persistence of the execution routes: monitoring configurations and received alerts.
 *
 * @public
 */
export interface ExecutionStore {
  getSupport(migrationId: string): Promise<SupportConfiguration | undefined>;
  saveSupport(support: SupportConfiguration): Promise<void>;
  /**
   * Records alerts, de-duplicated by fingerprint, in one transaction; `link` gives each one's
   * instance host and migration resource (updated on every delivery).
   */
  recordAlerts(
    migrationId: string,
    alerts: AlertmanagerAlert[],
    link?: (alert: AlertmanagerAlert) => AlertLink,
  ): Promise<RecordedAlert[]>;
  /** The latest alerts, most recently received first. */
  listAlerts(migrationId: string, limit?: number): Promise<ReceivedAlert[]>;
  /**
   * The report schedules of every stored support configuration, except those of cancelled and
   * rolled-back migrations.
   */
  listReportSchedules(): Promise<SupportReportSchedule[]>;
  /**
   * Records that a migration's scheduled report was sent, if nobody recorded one since
   * `previous` (the `lastReportAt` that was read). False when another replica did.
   */
  markReportSent(
    migrationId: string,
    previous: string | undefined,
    sentAt: Date,
  ): Promise<boolean>;
}

/**
 * A migration's report schedule with when it was configured and last reported.
 *
 * @public
 */
export interface SupportReportSchedule {
  migrationId: string;
  cron: string;
  recipients: string[];
  /** When the support configuration was last saved. */
  updatedAt: string;
  lastReportAt?: string;
}
