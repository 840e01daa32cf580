import type {
  MigrationTarget,
  MonitoringAlertRule,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';
import {
  hcl,
  type HclBlock,
  type HclBodyItem,
  type HclFile,
} from '../iac/hcl/document';
import { versionsBlocks } from '../iac/generator/context';
import { renderHclFile } from '../iac/hcl/render';
import { toTerraformIdentifier } from '../iac/hcl/identifiers';
import { parseBackupSchedule } from './monitoringConfig';

const { attr, block, blank, str, num, bool, expr } = hcl;

/**
 * What the support Terraform is generated for.
 *
 * @public
 */
export interface SupportTerraformInput {
  migrationId: string;
  owner: string;
  target: MigrationTarget;
  config: MonitoringConfig;
}

/**
 * Terraform files (by name) plus what could not be expressed natively and why.
 *
 * @public
 */
export interface SupportTerraform {
  files: HclFile[];
  notes: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');
const slug = (id: string) =>
  id
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .slice(0, 40);

function tagsValue(input: SupportTerraformInput) {
  return hcl.stringMap({
    'managed-by': 'sirsi-nexus-migrate',
    'migration-id': input.migrationId,
    owner: input.owner,
  });
}

function variable(
  name: string,
  description: string,
  type: string,
  defaultValue?: HclBodyItem,
): HclBlock {
  return block(
    'variable',
    [name],
    [
      attr('description', str(description)),
      attr('type', expr(type)),
      ...(defaultValue ? [defaultValue] : []),
    ],
  );
}

const emails = (c: MonitoringConfig) =>
  c.channels.filter(ch => ch.type === 'email').map(ch => ch.target);
const webhooks = (c: MonitoringConfig) =>
  c.channels.filter(ch => ch.type === 'webhook').map(ch => ch.target);

// ----------------------------------------------------------------------------------------------
// AWS: CloudWatch alarms to an SNS topic, AWS Backup plan selecting the migration's tag.

const AWS_METRICS: Partial<
  Record<
    MonitoringAlertRule['metric'],
    {
      namespace: string;
      name: string;
      statistic: string;
      scale?: (t: number) => number;
    }
  >
> = {
  cpu: { namespace: 'AWS/EC2', name: 'CPUUtilization', statistic: 'Average' },
  memory: {
    namespace: 'CWAgent',
    name: 'mem_used_percent',
    statistic: 'Average',
  },
  disk: {
    namespace: 'CWAgent',
    name: 'disk_used_percent',
    statistic: 'Maximum',
  },
  availability: {
    namespace: 'AWS/EC2',
    name: 'StatusCheckFailed',
    statistic: 'Maximum',
  },
};

function awsCron(minute: number, hour: number, weekdays?: number[]) {
  const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  return weekdays
    ? `cron(${minute} ${hour} ? * ${weekdays.map(d => days[d]).join(',')} *)`
    : `cron(${minute} ${hour} * * ? *)`;
}

function aws(input: SupportTerraformInput): SupportTerraform {
  const { config } = input;
  const notes: string[] = [];
  const name = `sirsi-${slug(input.migrationId)}`;
  const alerts: HclBlock[] = [
    block(
      'data',
      ['aws_instances', 'migrated'],
      [
        attr(
          'instance_tags',
          hcl.object([['migration-id', expr('var.migration_id')]]),
        ),
      ],
    ),
    block(
      'resource',
      ['aws_sns_topic', 'alerts'],
      [
        attr('name', str(`${name}-alerts`)),
        attr('kms_master_key_id', str('alias/aws/sns')),
        attr('tags', tagsValue(input)),
      ],
    ),
  ];
  [...emails(config), ...webhooks(config)].forEach((endpoint, i) => {
    alerts.push(
      block(
        'resource',
        ['aws_sns_topic_subscription', `channel_${i + 1}`],
        [
          attr('topic_arn', expr('aws_sns_topic.alerts.arn')),
          attr(
            'protocol',
            str(endpoint.startsWith('https://') ? 'https' : 'email'),
          ),
          attr('endpoint', str(endpoint)),
        ],
      ),
    );
  });
  for (const alert of config.alerts) {
    const metric = AWS_METRICS[alert.metric];
    if (!metric) {
      notes.push(
        `${alert.name}: no CloudWatch alarm is generated for ${alert.metric}; it needs the load balancer's metrics (TargetResponseTime / HTTPCode_Target_5XX_Count). The Prometheus rule covers it.`,
      );
      continue;
    }
    if (metric.namespace === 'CWAgent') {
      notes.push(
        `${alert.name}: ${metric.name} is published by the CloudWatch agent, which must run on the instances.`,
      );
    }
    const availability = alert.metric === 'availability';
    alerts.push(
      block(
        'resource',
        ['aws_cloudwatch_metric_alarm', toTerraformIdentifier(alert.name)],
        [
          attr('for_each', expr('toset(data.aws_instances.migrated.ids)')),
          blank(),
          attr(
            'alarm_name',
            hcl.template(`${name}-${alert.name}-`, { expr: 'each.key' }),
          ),
          attr(
            'alarm_description',
            str(
              alert.description ??
                `${alert.metric} ${alert.comparison} ${alert.threshold}`,
            ),
          ),
          attr('namespace', str(metric.namespace)),
          attr('metric_name', str(metric.name)),
          attr('statistic', str(metric.statistic)),
          attr('period', num(60)),
          attr('evaluation_periods', num(alert.forMinutes)),
          attr('threshold', num(availability ? 0 : alert.threshold)),
          attr(
            'comparison_operator',
            str(
              availability || alert.comparison === '>'
                ? 'GreaterThanThreshold'
                : 'LessThanThreshold',
            ),
          ),
          attr(
            'treat_missing_data',
            str(availability ? 'breaching' : 'missing'),
          ),
          attr('dimensions', hcl.object([['InstanceId', expr('each.key')]])),
          attr('alarm_actions', hcl.list([expr('aws_sns_topic.alerts.arn')])),
          attr('ok_actions', hcl.list([expr('aws_sns_topic.alerts.arn')])),
          attr(
            'tags',
            hcl.object([
              ...tagEntries(input),
              ['severity', str(alert.severity)],
            ]),
          ),
        ],
      ),
    );
  }

  const backup: HclBlock[] = [];
  const strategy = config.backupStrategy;
  if (strategy.enabled) {
    const s = parseBackupSchedule(strategy.schedule);
    backup.push(
      block('data', ['aws_caller_identity', 'current'], []),
      block(
        'resource',
        ['aws_backup_vault', 'this'],
        [attr('name', str(name)), attr('tags', tagsValue(input))],
      ),
      block(
        'resource',
        ['aws_backup_plan', 'this'],
        [
          attr('name', str(name)),
          blank(),
          block(
            'rule',
            [],
            [
              attr('rule_name', str(s.weekdays ? 'weekly' : 'daily')),
              attr('target_vault_name', expr('aws_backup_vault.this.name')),
              attr('schedule', str(awsCron(s.minute, s.hour, s.weekdays))),
              blank(),
              block(
                'lifecycle',
                [],
                [attr('delete_after', num(strategy.retentionDays))],
              ),
              ...(strategy.copyToRegion
                ? [
                    blank(),
                    block(
                      'copy_action',
                      [],
                      [
                        attr(
                          'destination_vault_arn',
                          hcl.template(
                            `arn:aws:backup:${strategy.copyToRegion}:`,
                            {
                              expr: 'data.aws_caller_identity.current.account_id',
                            },
                            ':backup-vault:Default',
                          ),
                        ),
                        blank(),
                        block(
                          'lifecycle',
                          [],
                          [attr('delete_after', num(strategy.retentionDays))],
                        ),
                      ],
                    ),
                  ]
                : []),
            ],
          ),
          blank(),
          attr('tags', tagsValue(input)),
        ],
      ),
      block(
        'resource',
        ['aws_iam_role', 'backup'],
        [
          attr('name', str(`${name}-backup`)),
          attr(
            'assume_role_policy',
            expr(
              'jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }] })',
            ),
          ),
          attr('tags', tagsValue(input)),
        ],
      ),
      block(
        'resource',
        ['aws_iam_role_policy_attachment', 'backup'],
        [
          attr('role', expr('aws_iam_role.backup.name')),
          attr(
            'policy_arn',
            str(
              'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
            ),
          ),
        ],
      ),
      block(
        'resource',
        ['aws_backup_selection', 'migrated'],
        [
          attr('name', str(`${name}-resources`)),
          attr('plan_id', expr('aws_backup_plan.this.id')),
          attr('iam_role_arn', expr('aws_iam_role.backup.arn')),
          blank(),
          block(
            'selection_tag',
            [],
            [
              attr('type', str('STRINGEQUALS')),
              attr('key', str('migration-id')),
              attr('value', expr('var.migration_id')),
            ],
          ),
        ],
      ),
    );
  }
  return {
    notes,
    files: [
      {
        path: 'versions.tf',
        blocks: [
          ...versionsBlocks({
            name: 'aws',
            source: 'hashicorp/aws',
            version: '~> 6.0',
          }),
          block('provider', ['aws'], [attr('region', expr('var.region'))]),
        ],
      },
      {
        path: 'variables.tf',
        blocks: [
          variable(
            'region',
            'AWS region of the migration target',
            'string',
            attr('default', str(input.target.region)),
          ),
          variable(
            'migration_id',
            'Migration whose resources (tag migration-id) are monitored',
            'string',
            attr('default', str(input.migrationId)),
          ),
        ],
      },
      { path: 'alerts.tf', blocks: alerts },
      ...(backup.length ? [{ path: 'backup.tf', blocks: backup }] : []),
    ],
  };
}

function tagEntries(
  input: SupportTerraformInput,
): Array<[string, ReturnType<typeof str>]> {
  return [
    ['managed-by', str('sirsi-nexus-migrate')],
    ['migration-id', str(input.migrationId)],
    ['owner', str(input.owner)],
  ];
}

// ----------------------------------------------------------------------------------------------
// Azure: Azure Monitor metric alerts to an action group, Recovery Services vault + VM backup.

const AZURE_METRICS: Partial<
  Record<
    MonitoringAlertRule['metric'],
    { name: string; aggregation: string; invert?: boolean }
  >
> = {
  cpu: { name: 'Percentage CPU', aggregation: 'Average' },
  memory: {
    name: 'Available Memory Percentage',
    aggregation: 'Average',
    invert: true,
  },
  availability: { name: 'VmAvailabilityMetric', aggregation: 'Average' },
};
const AZURE_SEVERITY = { critical: 0, warning: 2, info: 3 } as const;

function azureWindow(minutes: number) {
  const windows: Array<[number, string]> = [
    [1, 'PT1M'],
    [5, 'PT5M'],
    [15, 'PT15M'],
    [30, 'PT30M'],
    [60, 'PT1H'],
    [360, 'PT6H'],
    [720, 'PT12H'],
    [1440, 'P1D'],
  ];
  return (windows.find(([m]) => m >= minutes) ??
    windows[windows.length - 1])[1];
}

function azure(input: SupportTerraformInput): SupportTerraform {
  const { config } = input;
  const notes: string[] = [];
  const name = `sirsi-${slug(input.migrationId)}`;
  const alerts: HclBlock[] = [
    block(
      'data',
      ['azurerm_resources', 'migrated'],
      [
        attr('type', str('Microsoft.Compute/virtualMachines')),
        attr(
          'required_tags',
          hcl.object([['migration-id', expr('var.migration_id')]]),
        ),
      ],
    ),
    block(
      'resource',
      ['azurerm_monitor_action_group', 'alerts'],
      [
        attr('name', str(`${name}-alerts`)),
        attr('resource_group_name', expr('var.resource_group_name')),
        attr('short_name', str('sirsi')),
        ...emails(config).flatMap((email, i) => [
          blank(),
          block(
            'email_receiver',
            [],
            [
              attr('name', str(`email-${i + 1}`)),
              attr('email_address', str(email)),
              attr('use_common_alert_schema', bool(true)),
            ],
          ),
        ]),
        ...webhooks(config).flatMap((uri, i) => [
          blank(),
          block(
            'webhook_receiver',
            [],
            [
              attr('name', str(`webhook-${i + 1}`)),
              attr('service_uri', str(uri)),
              attr('use_common_alert_schema', bool(true)),
            ],
          ),
        ]),
        blank(),
        attr('tags', tagsValue(input)),
      ],
    ),
  ];
  for (const alert of config.alerts) {
    const metric = AZURE_METRICS[alert.metric];
    if (!metric) {
      notes.push(
        `${alert.name}: Azure Monitor has no platform metric for ${alert.metric} of a VM (needs the Azure Monitor agent / Application Insights); the Prometheus rule covers it.`,
      );
      continue;
    }
    const availability = alert.metric === 'availability';
    const below =
      availability || metric.invert
        ? alert.comparison === '>'
        : alert.comparison === '<';
    let threshold = metric.invert ? 100 - alert.threshold : alert.threshold;
    if (availability) threshold = 1;
    alerts.push(
      block(
        'resource',
        ['azurerm_monitor_metric_alert', toTerraformIdentifier(alert.name)],
        [
          attr('name', str(`${name}-${alert.name}`)),
          attr('resource_group_name', expr('var.resource_group_name')),
          attr(
            'scopes',
            expr('data.azurerm_resources.migrated.resources[*].id'),
          ),
          attr(
            'description',
            str(
              alert.description ??
                `${alert.metric} ${alert.comparison} ${alert.threshold}`,
            ),
          ),
          attr('severity', num(AZURE_SEVERITY[alert.severity])),
          attr('frequency', str('PT1M')),
          attr('window_size', str(azureWindow(alert.forMinutes))),
          attr(
            'target_resource_type',
            str('Microsoft.Compute/virtualMachines'),
          ),
          attr('target_resource_location', expr('var.location')),
          blank(),
          block(
            'criteria',
            [],
            [
              attr(
                'metric_namespace',
                str('Microsoft.Compute/virtualMachines'),
              ),
              attr('metric_name', str(metric.name)),
              attr('aggregation', str(metric.aggregation)),
              attr('operator', str(below ? 'LessThan' : 'GreaterThan')),
              attr('threshold', num(threshold)),
            ],
          ),
          blank(),
          block(
            'action',
            [],
            [
              attr(
                'action_group_id',
                expr('azurerm_monitor_action_group.alerts.id'),
              ),
            ],
          ),
          blank(),
          attr('tags', tagsValue(input)),
        ],
      ),
    );
  }
  const backup: HclBlock[] = [];
  const strategy = config.backupStrategy;
  if (strategy.enabled) {
    const s = parseBackupSchedule(strategy.schedule);
    const names = [
      'Sunday',
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
    ];
    if (s.minute !== 0 && s.minute !== 30) {
      notes.push(
        `Azure Backup runs on the hour or half hour: the backup starts at ${pad(
          s.hour,
        )}:${s.minute < 30 ? '00' : '30'} instead of ${pad(s.hour)}:${pad(
          s.minute,
        )}.`,
      );
    }
    const time = `${pad(s.hour)}:${s.minute < 30 ? '00' : '30'}`;
    backup.push(
      block(
        'resource',
        ['azurerm_recovery_services_vault', 'this'],
        [
          attr('name', str(name)),
          attr('location', expr('var.location')),
          attr('resource_group_name', expr('var.resource_group_name')),
          attr('sku', str('Standard')),
          attr('soft_delete_enabled', bool(true)),
          ...(strategy.copyToRegion
            ? [
                attr('cross_region_restore_enabled', bool(true)),
                attr('storage_mode_type', str('GeoRedundant')),
              ]
            : []),
          attr('tags', tagsValue(input)),
        ],
      ),
      block(
        'resource',
        ['azurerm_backup_policy_vm', 'this'],
        [
          attr('name', str(name)),
          attr('resource_group_name', expr('var.resource_group_name')),
          attr(
            'recovery_vault_name',
            expr('azurerm_recovery_services_vault.this.name'),
          ),
          attr('timezone', str('UTC')),
          blank(),
          block(
            'backup',
            [],
            [
              attr('frequency', str(s.weekdays ? 'Weekly' : 'Daily')),
              attr('time', str(time)),
              ...(s.weekdays
                ? [attr('weekdays', hcl.strings(s.weekdays.map(d => names[d])))]
                : []),
            ],
          ),
          blank(),
          s.weekdays
            ? block(
                'retention_weekly',
                [],
                [
                  attr(
                    'count',
                    num(Math.max(1, Math.ceil(strategy.retentionDays / 7))),
                  ),
                  attr('weekdays', hcl.strings(s.weekdays.map(d => names[d]))),
                ],
              )
            : block(
                'retention_daily',
                [],
                [attr('count', num(strategy.retentionDays))],
              ),
        ],
      ),
      block(
        'resource',
        ['azurerm_backup_protected_vm', 'migrated'],
        [
          attr(
            'for_each',
            expr(
              '{ for vm in data.azurerm_resources.migrated.resources : vm.name => vm.id }',
            ),
          ),
          blank(),
          attr('resource_group_name', expr('var.resource_group_name')),
          attr(
            'recovery_vault_name',
            expr('azurerm_recovery_services_vault.this.name'),
          ),
          attr('source_vm_id', expr('each.value')),
          attr('backup_policy_id', expr('azurerm_backup_policy_vm.this.id')),
        ],
      ),
    );
  }
  return {
    notes,
    files: [
      {
        path: 'versions.tf',
        blocks: [
          ...versionsBlocks({
            name: 'azurerm',
            source: 'hashicorp/azurerm',
            version: '~> 4.0',
          }),
          block('provider', ['azurerm'], [block('features', [], [])]),
        ],
      },
      {
        path: 'variables.tf',
        blocks: [
          variable(
            'location',
            'Azure region of the migration target',
            'string',
            attr('default', str(input.target.region)),
          ),
          variable(
            'resource_group_name',
            'Resource group for the alerts, action group and vault',
            'string',
          ),
          variable(
            'migration_id',
            'Migration whose resources (tag migration-id) are monitored',
            'string',
            attr('default', str(input.migrationId)),
          ),
        ],
      },
      { path: 'alerts.tf', blocks: alerts },
      ...(backup.length ? [{ path: 'backup.tf', blocks: backup }] : []),
    ],
  };
}

// ----------------------------------------------------------------------------------------------
// GCP: Cloud Monitoring alert policies and notification channels, a snapshot schedule policy.

const GCP_METRICS: Partial<
  Record<
    MonitoringAlertRule['metric'],
    { type: string; fraction?: boolean; extra?: string }
  >
> = {
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

function gcp(input: SupportTerraformInput): SupportTerraform {
  const { config } = input;
  const notes: string[] = [];
  const name = `sirsi-${slug(input.migrationId)}`;
  const labels = hcl.stringMap({
    'managed-by': 'sirsi-nexus-migrate',
    'migration-id': slug(input.migrationId),
  });
  const channelRefs: string[] = [];
  const alerts: HclBlock[] = [];
  emails(config).forEach((email, i) => {
    const id = `email_${i + 1}`;
    channelRefs.push(`google_monitoring_notification_channel.${id}.id`);
    alerts.push(
      block(
        'resource',
        ['google_monitoring_notification_channel', id],
        [
          attr('display_name', str(`${name} ${email}`)),
          attr('type', str('email')),
          attr('labels', hcl.stringMap({ email_address: email })),
          attr('user_labels', labels),
        ],
      ),
    );
  });
  webhooks(config).forEach((url, i) => {
    const id = `webhook_${i + 1}`;
    channelRefs.push(`google_monitoring_notification_channel.${id}.id`);
    alerts.push(
      block(
        'resource',
        ['google_monitoring_notification_channel', id],
        [
          attr('display_name', str(`${name} webhook ${i + 1}`)),
          attr('type', str('webhook_tokenauth')),
          attr('labels', hcl.stringMap({ url })),
          attr('user_labels', labels),
        ],
      ),
    );
  });
  for (const alert of config.alerts) {
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
    const filter = `metric.type="${
      metric.type
    }" AND resource.type="gce_instance" AND metadata.user_labels."migration-id"="${slug(
      input.migrationId,
    )}"${metric.extra ?? ''}`;
    const duration = `${alert.forMinutes * 60}s`;
    const condition =
      alert.metric === 'availability'
        ? block(
            'condition_absent',
            [],
            [
              attr('filter', str(filter)),
              attr('duration', str(`${Math.max(120, alert.forMinutes * 60)}s`)),
              blank(),
              block(
                'aggregations',
                [],
                [
                  attr('alignment_period', str('60s')),
                  attr('per_series_aligner', str('ALIGN_RATE')),
                ],
              ),
            ],
          )
        : block(
            'condition_threshold',
            [],
            [
              attr('filter', str(filter)),
              attr(
                'comparison',
                str(
                  alert.comparison === '>' ? 'COMPARISON_GT' : 'COMPARISON_LT',
                ),
              ),
              attr(
                'threshold_value',
                num(metric.fraction ? alert.threshold / 100 : alert.threshold),
              ),
              attr('duration', str(duration)),
              blank(),
              block(
                'aggregations',
                [],
                [
                  attr('alignment_period', str('60s')),
                  attr('per_series_aligner', str('ALIGN_MEAN')),
                ],
              ),
            ],
          );
    alerts.push(
      block(
        'resource',
        ['google_monitoring_alert_policy', toTerraformIdentifier(alert.name)],
        [
          attr('display_name', str(`${name} ${alert.name}`)),
          attr('combiner', str('OR')),
          attr('severity', str(GCP_SEVERITY[alert.severity])),
          attr('notification_channels', hcl.list(channelRefs.map(expr))),
          attr('user_labels', labels),
          blank(),
          block(
            'conditions',
            [],
            [
              attr('display_name', str(alert.description ?? alert.name)),
              condition,
            ],
          ),
        ],
      ),
    );
  }
  const backup: HclBlock[] = [];
  const strategy = config.backupStrategy;
  if (strategy.enabled) {
    const s = parseBackupSchedule(strategy.schedule);
    const days = [
      'SUNDAY',
      'MONDAY',
      'TUESDAY',
      'WEDNESDAY',
      'THURSDAY',
      'FRIDAY',
      'SATURDAY',
    ];
    if (s.minute !== 0) {
      notes.push(
        `Snapshot schedules start on the hour: ${pad(
          s.hour,
        )}:00 UTC instead of ${pad(s.hour)}:${pad(s.minute)}.`,
      );
    }
    const start = `${pad(s.hour)}:00`;
    backup.push(
      block(
        'resource',
        ['google_compute_resource_policy', 'snapshots'],
        [
          attr('name', str(name)),
          attr('region', expr('var.region')),
          blank(),
          block(
            'snapshot_schedule_policy',
            [],
            [
              block(
                'schedule',
                [],
                [
                  s.weekdays
                    ? block(
                        'weekly_schedule',
                        [],
                        s.weekdays.map(d =>
                          block(
                            'day_of_weeks',
                            [],
                            [
                              attr('day', str(days[d])),
                              attr('start_time', str(start)),
                            ],
                          ),
                        ),
                      )
                    : block(
                        'daily_schedule',
                        [],
                        [
                          attr('days_in_cycle', num(1)),
                          attr('start_time', str(start)),
                        ],
                      ),
                ],
              ),
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
                  attr('labels', labels),
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
      ),
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
    );
    notes.push(
      'Snapshot schedules attach per disk: set var.disks (disk name → zone) to the disks of the build bundle.',
    );
  }
  return {
    notes,
    files: [
      {
        path: 'versions.tf',
        blocks: [
          ...versionsBlocks({
            name: 'google',
            source: 'hashicorp/google',
            version: '~> 6.0',
          }),
          block(
            'provider',
            ['google'],
            [
              attr('project', expr('var.project')),
              attr('region', expr('var.region')),
            ],
          ),
        ],
      },
      {
        path: 'variables.tf',
        blocks: [
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
      },
      { path: 'alerts.tf', blocks: alerts },
      ...(backup.length ? [{ path: 'backup.tf', blocks: backup }] : []),
    ],
  };
}

/**
 * The target's native alarms and backup policy as Terraform: CloudWatch + AWS Backup, Azure
 * Monitor + Recovery Services, or Cloud Monitoring + snapshot schedules. Resources are found by
 * the `migration-id` tag/label the build phase puts on everything it creates.
 *
 * @public
 */
export function supportTerraform(
  input: SupportTerraformInput,
): SupportTerraform {
  const generate = { aws, azure, gcp }[input.target.provider];
  if (!generate)
    throw new Error(
      `No support Terraform for provider ${input.target.provider}`,
    );
  return generate(input);
}

/** Renders the files with the IaC generator's HCL writer. @public */
export function renderSupportTerraform(
  terraform: SupportTerraform,
): Record<string, string> {
  return Object.fromEntries(
    terraform.files.map(f => [
      f.path,
      renderHclFile({
        ...f,
        header: [
          'Generated by SirsiNexus Migrate (support phase). Do not edit by hand.',
        ],
      }),
    ]),
  );
}
