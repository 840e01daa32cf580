import type { MonitoringAlertRule } from '@sirsi-nexus/plugin-migration-common';
import { hcl, type HclBlock, type HclValue } from '../../iac/hcl/document';
import { toTerraformIdentifier } from '../../iac/hcl/identifiers';
import { parseBackupSchedule } from '../monitoringConfig';
import {
  emails,
  pad,
  slug,
  supportFiles,
  supportName,
  webhooks,
  type SupportTerraform,
  type SupportTerraformInput,
} from './common';
import { variable } from '../../iac/hcl/variable';

// GCP: Cloud Monitoring alert policies and notification channels, a snapshot schedule policy.

const { attr, block, blank, str, num, expr } = hcl;

type GcpMetric = { type: string; fraction?: boolean; extra?: string };

const GCP_METRICS: Partial<Record<MonitoringAlertRule['metric'], GcpMetric>> = {
  cpu: {
    type: 'compute.googleapis.com/instance/cpu/utilization',
    fraction: true,
  },
  memory: {
    type: 'agent.googleapis.com/memory/percent_used',
    extra: ' AND metric.label.state="used"',
  },
  disk: {
    type: 'agent.googleapis.com/disk/percent_used',
    extra: ' AND metric.label.state="used"',
  },
  availability: { type: 'compute.googleapis.com/instance/uptime' },
};
const GCP_SEVERITY = {
  critical: 'CRITICAL',
  warning: 'WARNING',
  info: 'WARNING',
} as const;
const DAYS = [
  'SUNDAY',
  'MONDAY',
  'TUESDAY',
  'WEDNESDAY',
  'THURSDAY',
  'FRIDAY',
  'SATURDAY',
];

/** The labels every support resource carries (label values allow no dots or capitals). */
function supportLabels(input: SupportTerraformInput): HclValue {
  return hcl.stringMap({
    'managed-by': 'sirsi-nexus-migrate',
    'migration-id': slug(input.migrationId),
  });
}

/** Cloud Monitoring alert policies and snapshot schedules for the migration's instances. */
export function gcpSupportTerraform(
  input: SupportTerraformInput,
): SupportTerraform {
  const notes: string[] = [];
  const alerts = gcpAlerts(input, notes);
  const backup = input.config.backupStrategy.enabled
    ? gcpBackup(input, notes)
    : [];
  return {
    notes,
    files: supportFiles({
      provider: {
        name: 'google',
        source: 'hashicorp/google',
        version: '~> 6.0',
      },
      providerBlock: block(
        'provider',
        ['google'],
        [
          attr('project', expr('var.project')),
          attr('region', expr('var.region')),
        ],
      ),
      variables: [
        variable('project', 'Project of the migration target', 'string'),
        variable(
          'region',
          'Region of the migration target',
          'string',
          attr('default', str(input.target.region)),
        ),
        variable(
          'disks',
          'Disks to snapshot: name → zone',
          'map(string)',
          attr('default', hcl.object([])),
        ),
      ],
      alerts,
      backup,
    }),
  };
}

/** A notification channel per e-mail address and webhook, then an alert policy per alert. */
function gcpAlerts(input: SupportTerraformInput, notes: string[]): HclBlock[] {
  const channels = notificationChannels(input);
  const channelRefs = channels.map(
    channel => `google_monitoring_notification_channel.${channel.labels[1]}.id`,
  );
  const alerts: HclBlock[] = [...channels];
  for (const alert of input.config.alerts) {
    const metric = GCP_METRICS[alert.metric];
    if (!metric) {
      notes.push(
        `${alert.name}: Cloud Monitoring needs a load balancer or Ops Agent HTTP metric for ${alert.metric}; the Prometheus rule covers it.`,
      );
      continue;
    }
    if (metric.type.startsWith('agent.')) {
      notes.push(
        `${alert.name}: ${metric.type} is reported by the Ops Agent, which must run on the instances.`,
      );
    }
    alerts.push(alertPolicy(input, alert, metric, channelRefs));
  }
  return alerts;
}

function notificationChannels(input: SupportTerraformInput): HclBlock[] {
  const { config } = input;
  const name = supportName(input);
  const channel = (id: string, attrs: Array<[string, HclValue]>) =>
    block(
      'resource',
      ['google_monitoring_notification_channel', id],
      [
        ...attrs.map(([key, value]) => attr(key, value)),
        attr('user_labels', supportLabels(input)),
      ],
    );
  return [
    ...emails(config).map((email, i) =>
      channel(`email_${i + 1}`, [
        ['display_name', str(`${name} ${email}`)],
        ['type', str('email')],
        ['labels', hcl.stringMap({ email_address: email })],
      ]),
    ),
    ...webhooks(config).map((url, i) =>
      channel(`webhook_${i + 1}`, [
        ['display_name', str(`${name} webhook ${i + 1}`)],
        ['type', str('webhook_tokenauth')],
        ['labels', hcl.stringMap({ url })],
      ]),
    ),
  ];
}

function alertPolicy(
  input: SupportTerraformInput,
  alert: MonitoringAlertRule,
  metric: GcpMetric,
  channelRefs: string[],
): HclBlock {
  return block(
    'resource',
    ['google_monitoring_alert_policy', toTerraformIdentifier(alert.name)],
    [
      attr('display_name', str(`${supportName(input)} ${alert.name}`)),
      attr('combiner', str('OR')),
      attr('severity', str(GCP_SEVERITY[alert.severity])),
      attr('notification_channels', hcl.list(channelRefs.map(expr))),
      attr('user_labels', supportLabels(input)),
      blank(),
      block(
        'conditions',
        [],
        [
          attr('display_name', str(alert.description ?? alert.name)),
          condition(input, alert, metric),
        ],
      ),
    ],
  );
}

/** Availability alerts when uptime stops being reported; the others on a mean threshold. */
function condition(
  input: SupportTerraformInput,
  alert: MonitoringAlertRule,
  metric: GcpMetric,
): HclBlock {
  const filter = `metric.type="${
    metric.type
  }" AND resource.type="gce_instance" AND metadata.user_labels."migration-id"="${slug(
    input.migrationId,
  )}"${metric.extra ?? ''}`;
  const aggregations = (aligner: string) =>
    block(
      'aggregations',
      [],
      [
        attr('alignment_period', str('60s')),
        attr('per_series_aligner', str(aligner)),
      ],
    );
  if (alert.metric === 'availability') {
    return block(
      'condition_absent',
      [],
      [
        attr('filter', str(filter)),
        attr('duration', str(`${Math.max(120, alert.forMinutes * 60)}s`)),
        blank(),
        aggregations('ALIGN_RATE'),
      ],
    );
  }
  return block(
    'condition_threshold',
    [],
    [
      attr('filter', str(filter)),
      attr(
        'comparison',
        str(alert.comparison === '>' ? 'COMPARISON_GT' : 'COMPARISON_LT'),
      ),
      attr(
        'threshold_value',
        num(metric.fraction ? alert.threshold / 100 : alert.threshold),
      ),
      attr('duration', str(`${alert.forMinutes * 60}s`)),
      blank(),
      aggregations('ALIGN_MEAN'),
    ],
  );
}

/**
 * A snapshot schedule policy and its attachment to the disks in `var.disks`. Schedules start
 * on the hour: other minutes are rounded down, with a note.
 */
function gcpBackup(input: SupportTerraformInput, notes: string[]): HclBlock[] {
  const s = parseBackupSchedule(input.config.backupStrategy.schedule);
  if (s.minute !== 0) {
    notes.push(
      `Snapshot schedules start on the hour: ${pad(
        s.hour,
      )}:00 UTC instead of ${pad(s.hour)}:${pad(s.minute)}.`,
    );
  }
  const blocks = [
    snapshotPolicy(input, s),
    block(
      'resource',
      ['google_compute_disk_resource_policy_attachment', 'migrated'],
      [
        attr('for_each', expr('var.disks')),
        blank(),
        attr('name', expr('google_compute_resource_policy.snapshots.name')),
        attr('disk', expr('each.key')),
        attr('zone', expr('each.value')),
      ],
    ),
  ];
  notes.push(
    'Snapshot schedules attach per disk: set var.disks (disk name → zone) to the disks of the build bundle.',
  );
  return blocks;
}

function snapshotPolicy(
  input: SupportTerraformInput,
  s: ReturnType<typeof parseBackupSchedule>,
): HclBlock {
  const strategy = input.config.backupStrategy;
  const start = `${pad(s.hour)}:00`;
  const schedule = s.weekdays
    ? block(
        'weekly_schedule',
        [],
        s.weekdays.map(d =>
          block(
            'day_of_weeks',
            [],
            [attr('day', str(DAYS[d])), attr('start_time', str(start))],
          ),
        ),
      )
    : block(
        'daily_schedule',
        [],
        [attr('days_in_cycle', num(1)), attr('start_time', str(start))],
      );
  return block(
    'resource',
    ['google_compute_resource_policy', 'snapshots'],
    [
      attr('name', str(supportName(input))),
      attr('region', expr('var.region')),
      blank(),
      block(
        'snapshot_schedule_policy',
        [],
        [
          block('schedule', [], [schedule]),
          blank(),
          block(
            'retention_policy',
            [],
            [
              attr('max_retention_days', num(strategy.retentionDays)),
              attr('on_source_disk_delete', str('KEEP_AUTO_SNAPSHOTS')),
            ],
          ),
          blank(),
          block(
            'snapshot_properties',
            [],
            [
              attr('labels', supportLabels(input)),
              ...(strategy.copyToRegion
                ? [
                    attr(
                      'storage_locations',
                      hcl.strings([strategy.copyToRegion]),
                    ),
                  ]
                : []),
            ],
          ),
        ],
      ),
    ],
  );
}
