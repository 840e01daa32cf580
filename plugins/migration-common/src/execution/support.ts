/*
 * The support phase: monitoring, alerting, reporting and backups as code (`support.json`).
 */
import type { MigrationTarget } from '../migration';

/**
 * One alert of a monitoring configuration.
 *
 * @public
 */
export interface MonitoringAlertRule {
  /** Identifier-like name, e.g. `HighCpu`. */
  name: string;
  metric: 'cpu' | 'memory' | 'disk' | 'availability' | 'latency' | 'error-rate';
  comparison: '>' | '<';
  /** Percent for cpu/memory/disk/error-rate, milliseconds for latency, ignored for availability. */
  threshold: number;
  /** How long the condition must hold before firing. */
  forMinutes: number;
  severity: 'critical' | 'warning' | 'info';
  description?: string;
}

/**
 * Backups of the migrated resources.
 *
 * @public
 */
export interface BackupStrategy {
  enabled: boolean;
  /** Five-field cron expression in UTC, e.g. `0 3 * * *`. */
  schedule: string;
  retentionDays: number;
  /** Region to copy backups to, for disaster recovery. */
  copyToRegion?: string;
}

/**
 * When the operational report is sent and to whom.
 *
 * @public
 */
export interface ReportSchedule {
  /** Five-field cron expression in UTC. */
  cron: string;
  /** Entity refs of the recipients. */
  recipients: string[];
}

/**
 * Where alerts go. `backstage` uses Backstage notifications (which can forward to email/Slack).
 *
 * @public
 */
export interface NotificationChannel {
  type: 'backstage' | 'email' | 'slack' | 'webhook';
  /** Entity ref, address, channel or URL depending on `type`. */
  target: string;
}

/**
 * Monitoring, alerting, reporting and backup of the migrated workload, as the blueprint's
 * `MonitoringConfig`.
 *
 * @public
 */
export interface MonitoringConfig {
  alerts: MonitoringAlertRule[];
  reportSchedule: ReportSchedule;
  backupStrategy: BackupStrategy;
  channels: NotificationChannel[];
}

/**
 * Body of `POST /migrations/{id}/configure-support`: any part of the configuration; the rest is
 * filled with defaults.
 *
 * @public
 */
export type ConfigureSupportRequest = Partial<MonitoringConfig>;

/**
 * The monitoring configuration generated as code.
 *
 * @public
 */
export interface GeneratedMonitoring {
  /** Prometheus alerting rules file (YAML). */
  prometheusRules: string;
  /** Terraform files for the target's native alarms and backup policy, by file name. */
  terraform: Record<string, string>;
  /** Results of parsing the generated code back and resolving its references. */
  validation: Array<{
    file: string;
    status: 'pass' | 'fail';
    message: string;
  }>;
  /** What the target's native services cannot express, and prerequisites (agents, variables). */
  notes: string[];
}

/**
 * The `support.json` artifact and the response of `POST /migrations/{id}/configure-support`.
 *
 * @public
 */
export interface SupportConfiguration {
  migrationId: string;
  target: MigrationTarget;
  config: MonitoringConfig;
  generated: GeneratedMonitoring;
  updatedAt: string;
  updatedBy: string;
}

/**
 * An alert received from Prometheus Alertmanager, de-duplicated by fingerprint.
 *
 * @public
 */
export interface ReceivedAlert {
  fingerprint: string;
  /** The host of the alert's `instance` label, without the port (IPv6 without brackets). */
  instance?: string;
  /** The migration resource the instance matched (by name, host name or IP address), if any. */
  resource?: AlertResource;
  status: 'firing' | 'resolved';
  alertname: string;
  severity?: string;
  summary?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorURL?: string;
  firstReceivedAt: string;
  lastReceivedAt: string;
  /** How many webhook deliveries carried this alert in this state. */
  receiveCount: number;
}

/**
 * The migration resource an alert concerns.
 *
 * @public
 */
export interface AlertResource {
  /** The resource's external id (as in the assessment). */
  id: string;
  name: string;
  /** Its catalog entity, `kind:namespace/name`. */
  entityRef?: string;
}

/**
 * Response of `GET /migrations/{id}/monitoring`.
 *
 * @public
 */
export interface MonitoringResponse {
  support?: SupportConfiguration;
  alerts: ReceivedAlert[];
}

/**
 * Response of `POST /migrations/{id}/alerts`.
 *
 * @public
 */
export interface AlertIngestResult {
  received: number;
  /** Alerts seen for the first time, or whose status changed. */
  changed: number;
  /** Alerts already known in the same state (Alertmanager re-sends). */
  duplicates: number;
  /** Notifications sent to the migration's owners. */
  notified: number;
}
