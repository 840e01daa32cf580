/*
 * Result shapes of the execution phases (build, transfer, validate, optimize, support) and of the
 * final migration report. They are stored as artifacts (`transfer.json`, `validation.json`, ...)
 * and returned by the execution routes.
 */
import type {
  Approval,
  MigrationStatus,
  MigrationTarget,
  PhaseStatus,
} from './migration';
import type { MigrationPhase } from './phases';

// ---------------------------------------------------------------------------------------------
// Build

/**
 * What the build phase did with one wave of the IaC bundle.
 *
 * @public
 */
export interface BuildWaveResult {
  wave: string;
  /** `applied`: changes made; `planned`: plan only (rehearsal or before approval); `recorded`: no Terraform configured. */
  mode: 'applied' | 'planned' | 'recorded';
  /** Resource addresses Terraform plans to create/update/delete, or created. */
  resources: Array<{
    address: string;
    action: 'create' | 'update' | 'delete' | 'replace' | 'read' | 'no-op';
    status: 'pending' | 'done' | 'failed';
    message?: string;
  }>;
  /** SHA-256 of the saved plan file that was (or would be) applied. */
  planSha256?: string;
  outputs?: Record<string, unknown>;
  durationMs?: number;
}

/**
 * The `build.json` artifact.
 *
 * @public
 */
export interface BuildReport {
  rehearsal: boolean;
  terraformCommand?: string;
  waves: BuildWaveResult[];
  /** Plain statements of what happened or would happen. */
  statements: string[];
}

// ---------------------------------------------------------------------------------------------
// Transfer

/**
 * State of a transfer or of one object within it.
 *
 * @public
 */
export type TransferState =
  | 'pending'
  | 'running'
  | 'verifying'
  | 'completed'
  | 'failed'
  | 'cancelled';

/**
 * An error met during a transfer; retried chunks leave one entry per failed attempt.
 *
 * @public
 */
export interface TransferError {
  at: string;
  /** The object (resource) the error belongs to. */
  resource?: string;
  /** Index of the chunk, when the error concerns one. */
  chunk?: number;
  message: string;
  /** Whether the mover retried after it. */
  retried: boolean;
}

/**
 * Progress of one object (file, disk image, dump) of a transfer.
 *
 * @public
 */
export interface TransferObjectStatus {
  id: string;
  name: string;
  /** Source location with any credentials removed. */
  source: string;
  /** Target location with any credentials removed. */
  target: string;
  totalBytes: number;
  bytesTransferred: number;
  chunkSize: number;
  chunks: number;
  chunksDone: number;
  state: TransferState;
  /**
   * Object checksum: base64 SHA-256 over the concatenated SHA-256 digests of its chunks, suffixed
   * with `-<chunks>` — the same composite form S3 reports for multipart uploads.
   */
  sha256?: string;
  /** True once every chunk was read back from the target and matched its source digest. */
  verified?: boolean;
}

/**
 * Live status of a transfer, as the blueprint's `TransferStatus`.
 *
 * @public
 */
export interface TransferStatus {
  state: TransferState;
  bytesTransferred: number;
  totalBytes: number;
  /** Recent throughput in bytes per second. */
  speedBytesPerSecond: number;
  /** Seconds left at the recent throughput; absent when unknown. */
  etaSeconds?: number;
  /** Name of the object being moved. */
  currentResource?: string;
  errors: TransferError[];
  objects: TransferObjectStatus[];
  bandwidthLimitBytesPerSecond?: number;
  startedAt?: string;
  completedAt?: string;
}

/**
 * A cloud-native image or snapshot copy (same-cloud moves on AWS).
 *
 * @public
 */
export interface ImageCopyResult {
  kind: 'image' | 'snapshot';
  /** Resource the copy belongs to. */
  resource: string;
  sourceId: string;
  sourceRegion: string;
  targetRegion: string;
  targetId?: string;
  /** `permitted`: rehearsal dry run proved the permission; `available`/`completed`: copy finished. */
  state: 'permitted' | 'denied' | 'pending' | 'completed' | 'failed';
  /** 0–100 as reported by the provider. */
  progressPercent?: number;
  message?: string;
}

/**
 * The `transfer.json` artifact.
 *
 * @public
 */
export interface TransferReport {
  rehearsal: boolean;
  /** Where data went (staging location in rehearsal). */
  destination: string;
  status: TransferStatus;
  imageCopies: ImageCopyResult[];
  /** Plain statements of what happened or would happen. */
  statements: string[];
}

/**
 * One DNS record to switch at cutover.
 *
 * @public
 */
export interface DnsRecordChange {
  name: string;
  type: 'A' | 'AAAA' | 'CNAME';
  currentValues: string[];
  targetValues: string[];
  /** TTL in seconds today. */
  currentTtl: number;
  /** TTL in seconds during the cutover window. */
  cutoverTtl: number;
}

/**
 * A step of the DNS cutover runbook.
 *
 * @public
 */
export interface DnsCutoverStep {
  order: number;
  action: 'lower-ttl' | 'verify' | 'switch' | 'monitor' | 'restore-ttl';
  /** When, relative to the cutover (`T-48h`, `T`, `T+1h`) or absolute ISO time. */
  at: string;
  description: string;
  records: string[];
}

/**
 * The `dns-cutover.json` artifact: records, TTL lowering ahead of cutover, the switch, the revert.
 *
 * @public
 */
export interface DnsCutoverPlan {
  generatedAt: string;
  /** Planned cutover time (start of the first maintenance window), when known. */
  cutoverAt?: string;
  records: DnsRecordChange[];
  steps: DnsCutoverStep[];
  revert: DnsCutoverStep[];
  /** Records the plan could not complete, with why. */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Validate

/**
 * Categories of post-migration checks.
 *
 * @public
 */
export type ValidationCategory =
  | 'data'
  | 'network'
  | 'performance'
  | 'security';

/**
 * Status of a validation check.
 *
 * @public
 */
export type ValidationStatus =
  | 'pending'
  | 'running'
  | 'passed'
  | 'failed'
  | 'warning';

/**
 * One post-migration check, as the blueprint's `ValidationCheck`.
 *
 * @public
 */
export interface ValidationCheck {
  id: string;
  category: ValidationCategory;
  name: string;
  status: ValidationStatus;
  message: string;
  /** What was checked (host:port, URL, object name...). */
  target?: string;
  metrics: Record<string, number | string | boolean>;
  /** What to do when the check does not pass. */
  remediation?: string;
  startedAt?: string;
  completedAt?: string;
}

/**
 * The `validation.json` artifact and the response of `POST /migrations/{id}/validate`.
 *
 * @public
 */
export interface ValidationReport {
  ranAt: string;
  /** `failed` when any check failed, `warning` when any warned, `passed` otherwise. */
  status: 'passed' | 'warning' | 'failed';
  summary: Record<ValidationStatus, number>;
  checks: ValidationCheck[];
}

/**
 * Latencies measured before cutover, against which performance checks compare.
 *
 * @public
 */
export interface PerformanceBaseline {
  capturedAt: string;
  endpoints: Array<{
    /** Logical name shared by the source and the target endpoint (resource name). */
    name: string;
    target: string;
    p50Ms: number;
    p95Ms: number;
    samples: number;
  }>;
}

// ---------------------------------------------------------------------------------------------
// Optimize

/**
 * An optimisation recommendation, as the blueprint's `Optimization`.
 *
 * @public
 */
export interface Optimization {
  id: string;
  category: 'cost' | 'performance' | 'sustainability';
  type:
    | 'rightsizing'
    | 'commitment'
    | 'spot'
    | 'schedule'
    | 'storage-tiering'
    | 'carbon';
  impact: 'high' | 'medium' | 'low';
  title: string;
  recommendation: string;
  /** Resource name the recommendation is about, when it is about one. */
  resource?: string;
  metrics: Record<string, number | string>;
  /** Estimated saving per month in `currency`, when prices are known. */
  estimatedMonthlySavings?: number;
  currency?: string;
  /** Whether the platform could carry it out automatically (a Terraform change, a schedule). */
  automationCapable: boolean;
  source: 'rules' | 'advisor';
}

/**
 * Coefficients of the Cloud Carbon Footprint method used for an estimate, with their sources.
 *
 * @public
 */
export interface CarbonCoefficients {
  provider: string;
  region: string;
  minWattsPerVcpu: number;
  maxWattsPerVcpu: number;
  pue: number;
  /** Metric tons CO2e per kWh of the region's grid. */
  gridTonsCo2ePerKwh: number;
  /** kWh per GB-hour of memory. */
  memoryKwhPerGbHour: number;
  /** Watt-hours per TB-hour of SSD / HDD storage. */
  ssdWhPerTbHour: number;
  hddWhPerTbHour: number;
  /** Whether the region's grid intensity fell back to the provider average. */
  regionFallback: boolean;
  sources: string[];
}

/**
 * Monthly energy and emissions estimate of the migrated resources.
 *
 * @public
 */
export interface CarbonEstimate {
  hoursPerMonth: number;
  kwhPerMonth: number;
  kgCo2ePerMonth: number;
  perResource: Array<{
    resource: string;
    vcpus: number;
    /** CPU utilisation 0–1 used for the estimate. */
    utilization: number;
    utilizationSource: 'measured' | 'default';
    memoryGb: number;
    storageTb: number;
    kwhPerMonth: number;
    kgCo2ePerMonth: number;
  }>;
  coefficients: CarbonCoefficients;
  formula: string;
}

/**
 * The `optimization.json` artifact and the response of `POST /migrations/{id}/optimize`.
 *
 * @public
 */
export interface OptimizationReport {
  generatedAt: string;
  recommendations: Optimization[];
  carbon?: CarbonEstimate;
  totalEstimatedMonthlySavings: number;
  currency: string;
  /** Narrative from the advisor, when one is configured. */
  narrative?: string;
  /** What could not be evaluated and why (e.g. no post-migration utilization yet). */
  notes?: string[];
}

// ---------------------------------------------------------------------------------------------
// Support

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

// ---------------------------------------------------------------------------------------------
// Report

/**
 * The migration report (`report.json`; `report.md` is its Markdown rendering).
 *
 * @public
 */
export interface MigrationReport {
  generatedAt: string;
  migration: {
    id: string;
    title: string;
    status: MigrationStatus;
    /** The phase running when the report was written (support, for the final report). */
    currentPhase?: MigrationPhase;
    owner: string;
    requestedBy: string;
    sourceEnvironmentId: string;
    target: MigrationTarget;
    createdAt: string;
    completedAt?: string;
  };
  rehearsal: {
    enabled: boolean;
    /** What was rehearsed and what would happen in a real run. */
    statements: string[];
  };
  moved: Array<{
    name: string;
    kind: 'data' | 'image' | 'snapshot' | 'infrastructure';
    detail: string;
    bytes?: number;
    status: string;
  }>;
  costs: {
    currency: string;
    beforeMonthly?: number;
    afterMonthly?: number;
    deltaMonthly?: number;
    /** Savings recommended by the optimize phase, not yet applied. */
    recommendedSavingsMonthly?: number;
    source: string;
  };
  checks: {
    status?: ValidationReport['status'];
    summary?: ValidationReport['summary'];
    items: Array<
      Pick<ValidationCheck, 'id' | 'category' | 'name' | 'status' | 'message'>
    >;
  };
  deviations: Array<{
    phase?: MigrationPhase;
    severity: 'info' | 'warning' | 'error';
    description: string;
  }>;
  approvals: Array<
    Pick<Approval, 'phase' | 'status' | 'decidedBy' | 'decidedAt' | 'comment'>
  >;
  phases: Array<{
    phase: MigrationPhase;
    status: PhaseStatus;
    startedAt?: string;
    completedAt?: string;
    durationMs?: number;
  }>;
  carbon?: Pick<CarbonEstimate, 'kwhPerMonth' | 'kgCo2ePerMonth'>;
}

/**
 * Response of `GET /migrations/{id}/reports`.
 *
 * @public
 */
export interface MigrationReportResponse {
  report: MigrationReport;
  markdown: string;
}
