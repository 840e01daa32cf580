import type {
  MonitoringAlertRule,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';
import { hcl, type HclBlock } from '../../iac/hcl/document';
import { toTerraformIdentifier } from '../../iac/hcl/identifiers';
import { parseBackupSchedule } from '../monitoringConfig';
import {
  emails,
  supportFiles,
  supportName,
  tagEntries,
  tagsValue,
  webhooks,
  type SupportTerraform,
  type SupportTerraformInput,
} from './common';
import { variable } from '../../iac/hcl/variable';

// AWS: CloudWatch alarms to an SNS topic, AWS Backup plan selecting the migration's tag.

const { attr, block, blank, str, num, expr } = hcl;

type AwsMetric = {
  namespace: string;
  name: string;
  statistic: string;
};

const AWS_METRICS: Partial<Record<MonitoringAlertRule['metric'], AwsMetric>> = {
  cpu: {
    namespace: 'AWS/EC2',
    name: 'CPUUtilization',
    statistic: 'Average',
  },
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

/** CloudWatch alarms and AWS Backup for the migration's instances. */
export function awsSupportTerraform(
  input: SupportTerraformInput,
): SupportTerraform {
  const notes: string[] = [];
  const alerts = awsAlerts(input, notes);
  return {
    notes,
    files: supportFiles({
      provider: { name: 'aws', source: 'hashicorp/aws', version: '~> 6.0' },
      providerBlock: block(
        'provider',
        ['aws'],
        [attr('region', expr('var.region'))],
      ),
      variables: [
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
      alerts,
      backup: input.config.backupStrategy.enabled ? awsBackup(input) : [],
    }),
  };
}

/** The migrated instances, the SNS topic with a subscription per channel, and the alarms. */
function awsAlerts(input: SupportTerraformInput, notes: string[]): HclBlock[] {
  const { config } = input;
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
        attr('name', str(`${supportName(input)}-alerts`)),
        attr('kms_master_key_id', str('alias/aws/sns')),
        attr('tags', tagsValue(input)),
      ],
    ),
    ...subscriptions(config),
  ];
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
    alerts.push(awsAlarm(input, alert, metric));
  }
  return alerts;
}

function subscriptions(config: MonitoringConfig): HclBlock[] {
  return [...emails(config), ...webhooks(config)].map((endpoint, i) =>
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
}

/** One alarm per migrated instance; a failed status check counts as breaching. */
function awsAlarm(
  input: SupportTerraformInput,
  alert: MonitoringAlertRule,
  metric: AwsMetric,
): HclBlock {
  const availability = alert.metric === 'availability';
  return block(
    'resource',
    ['aws_cloudwatch_metric_alarm', toTerraformIdentifier(alert.name)],
    [
      attr('for_each', expr('toset(data.aws_instances.migrated.ids)')),
      blank(),
      attr(
        'alarm_name',
        hcl.template(`${supportName(input)}-${alert.name}-`, {
          expr: 'each.key',
        }),
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
      attr('treat_missing_data', str(availability ? 'breaching' : 'missing')),
      attr('dimensions', hcl.object([['InstanceId', expr('each.key')]])),
      attr('alarm_actions', hcl.list([expr('aws_sns_topic.alerts.arn')])),
      attr('ok_actions', hcl.list([expr('aws_sns_topic.alerts.arn')])),
      attr(
        'tags',
        hcl.object([...tagEntries(input), ['severity', str(alert.severity)]]),
      ),
    ],
  );
}

/** A vault, a plan, the role AWS Backup assumes, and a selection by the migration-id tag. */
function awsBackup(input: SupportTerraformInput): HclBlock[] {
  const name = supportName(input);
  return [
    block('data', ['aws_caller_identity', 'current'], []),
    block(
      'resource',
      ['aws_backup_vault', 'this'],
      [attr('name', str(name)), attr('tags', tagsValue(input))],
    ),
    awsBackupPlan(input),
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
  ];
}

/** Daily or weekly backups kept `retentionDays`, copied to another region when asked. */
function awsBackupPlan(input: SupportTerraformInput): HclBlock {
  const strategy = input.config.backupStrategy;
  const s = parseBackupSchedule(strategy.schedule);
  const lifecycle = () =>
    block('lifecycle', [], [attr('delete_after', num(strategy.retentionDays))]);
  return block(
    'resource',
    ['aws_backup_plan', 'this'],
    [
      attr('name', str(supportName(input))),
      blank(),
      block(
        'rule',
        [],
        [
          attr('rule_name', str(s.weekdays ? 'weekly' : 'daily')),
          attr('target_vault_name', expr('aws_backup_vault.this.name')),
          attr('schedule', str(awsCron(s.minute, s.hour, s.weekdays))),
          blank(),
          lifecycle(),
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
                        { expr: 'data.aws_caller_identity.current.account_id' },
                        ':backup-vault:Default',
                      ),
                    ),
                    blank(),
                    lifecycle(),
                  ],
                ),
              ]
            : []),
        ],
      ),
      blank(),
      attr('tags', tagsValue(input)),
    ],
  );
}
