import { stringify } from 'yaml';
import type {
  MonitoringAlertRule,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';

/** PromQL label values are double-quoted strings: escape backslashes and quotes. */
function labelValue(value: string) {
  return `"${value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')}"`;
}

/**
 * The PromQL expression of an alert over node_exporter (cpu, memory, disk, up) and the usual
 * HTTP server metrics (latency histogram, request counter), restricted to the migration's
 * targets by the `migration_id` label the scrape configuration adds.
 *
 * @public
 */
export function alertExpression(
  alert: MonitoringAlertRule,
  migrationId: string,
): string {
  const sel = `migration_id=${labelValue(migrationId)}`;
  const op = alert.comparison;
  const t = alert.threshold;
  switch (alert.metric) {
    case 'cpu':
      return `100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", ${sel}}[5m]))) ${op} ${t}`;
    case 'memory':
      return `100 * (1 - node_memory_MemAvailable_bytes{${sel}} / node_memory_MemTotal_bytes{${sel}}) ${op} ${t}`;
    case 'disk':
      return `100 * (1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs", ${sel}} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs", ${sel}}) ${op} ${t}`;
    case 'availability':
      return `up{${sel}} == 0`;
    case 'latency':
      return `1000 * histogram_quantile(0.95, sum by (le, instance) (rate(http_request_duration_seconds_bucket{${sel}}[5m]))) ${op} ${t}`;
    case 'error-rate':
      return `100 * sum by (instance) (rate(http_requests_total{code=~"5..", ${sel}}[5m])) / sum by (instance) (rate(http_requests_total{${sel}}[5m])) ${op} ${t}`;
    default:
      throw new Error(
        `Unknown metric ${(alert as MonitoringAlertRule).metric}`,
      );
  }
}

const UNITS: Record<MonitoringAlertRule['metric'], string> = {
  cpu: '%',
  memory: '%',
  disk: '%',
  availability: '',
  latency: ' ms',
  'error-rate': '%',
};

/**
 * The configuration's alerts as a Prometheus alerting rules file (YAML).
 *
 * @public
 */
export function prometheusRules(
  config: MonitoringConfig,
  migrationId: string,
  title: string,
): string {
  const rules = config.alerts.map(alert => ({
    alert: alert.name,
    expr: alertExpression(alert, migrationId),
    for: `${alert.forMinutes}m`,
    labels: { severity: alert.severity, migration_id: migrationId },
    annotations: {
      summary: `${alert.name} on {{ $labels.instance }} (${title})`,
      description:
        alert.metric === 'availability'
          ? `{{ $labels.instance }} has not answered the scrape for ${alert.forMinutes} minutes.`
          : `${
              alert.description ?? alert.metric
            } — {{ $value | printf "%.1f" }}${UNITS[alert.metric]} ${
              alert.comparison
            } ${alert.threshold}${UNITS[alert.metric]}.`,
    },
  }));
  return stringify(
    { groups: [{ name: `sirsi-migration-${migrationId}`, rules }] },
    { lineWidth: 0 },
  );
}
