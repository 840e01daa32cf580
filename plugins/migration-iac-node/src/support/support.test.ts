import { InputError } from '@backstage/errors';
import { parse as parseYaml } from 'yaml';
import { hcl2jsonParser } from '../iac/validate/parser';
import { hcl } from '../iac/hcl/document';
import { renderHclFile } from '../iac/hcl/render';
import { validateGeneratedMonitoring } from './validateGenerated';
import { parseAlertmanagerWebhook, alertEndsAt } from './alertmanager';
import { generateMonitoring } from './generateMonitoring';
import {
  defaultMonitoringConfig,
  resolveMonitoringConfig,
} from './monitoringConfig';
import { alertExpression } from './prometheusRules';

const migration = {
  id: 'm-1234',
  title: 'Webshop to AWS',
  owner: 'group:default/team-webshop',
  target: { provider: 'aws' as const, region: 'eu-west-1' },
};

describe('monitoring configuration', () => {
  it('fills what the request leaves out from the defaults', () => {
    const base = defaultMonitoringConfig(migration);
    const config = resolveMonitoringConfig(
      {
        alerts: [
          {
            name: 'SlowCheckout',
            metric: 'latency',
            threshold: 800,
            forMinutes: 5,
            severity: 'critical',
          },
        ],
        channels: [
          { type: 'email', target: 'ops@example.com' },
          { type: 'webhook', target: 'https://hooks.example.com/sirsi' },
        ],
      },
      base,
    );
    expect(config.alerts).toEqual([
      {
        name: 'SlowCheckout',
        metric: 'latency',
        comparison: '>',
        threshold: 800,
        forMinutes: 5,
        severity: 'critical',
      },
    ]);
    expect(config.backupStrategy).toEqual(base.backupStrategy);
    expect(config.reportSchedule.recipients).toEqual([
      'group:default/team-webshop',
    ]);
  });

  it.each([
    [
      { alerts: [{ name: 'bad name', metric: 'cpu', threshold: 90 }] },
      /alerts\.0\.name/,
    ],
    [
      { alerts: [{ name: 'Cpu', metric: 'cpu', threshold: 190 }] },
      /alerts\.0\.threshold: is a percentage/,
    ],
    [
      { alerts: [{ name: 'Cpu', metric: 'gpu', threshold: 1 }] },
      /alerts\.0\.metric/,
    ],
    [
      {
        backupStrategy: {
          enabled: true,
          schedule: '0 3 1 * *',
          retentionDays: 30,
        },
      },
      /backupStrategy\.schedule/,
    ],
    [
      {
        backupStrategy: {
          enabled: true,
          schedule: '0 3 * * *',
          retentionDays: 1,
        },
      },
      /backupStrategy\.retentionDays/,
    ],
    [
      { channels: [{ type: 'webhook', target: 'http://plain.example.com' }] },
      /channels\.0\.target: must be an https:\/\/ URL/,
    ],
    [
      { reportSchedule: { cron: 'every monday', recipients: [] } },
      /reportSchedule\.cron/,
    ],
    [{ surprise: true }, /surprise|Unrecognized/],
    [
      {
        alerts: [
          { name: 'A', metric: 'cpu', threshold: 1 },
          { name: 'A', metric: 'disk', threshold: 1 },
        ],
      },
      /alerts\.1\.name: 'A' is used twice/,
    ],
  ])('rejects %j naming the field', (body, message) => {
    expect(() =>
      resolveMonitoringConfig(body, defaultMonitoringConfig(migration)),
    ).toThrow(InputError);
    expect(() =>
      resolveMonitoringConfig(body, defaultMonitoringConfig(migration)),
    ).toThrow(message);
  });
});

describe('generateMonitoring', () => {
  const config = resolveMonitoringConfig(
    {
      alerts: [
        ...defaultMonitoringConfig(migration).alerts,
        {
          name: 'Errors',
          metric: 'error-rate',
          threshold: 5,
          forMinutes: 5,
          severity: 'critical',
        },
      ],
      channels: [{ type: 'email', target: 'ops@example.com' }],
      backupStrategy: {
        enabled: true,
        schedule: '15 2 * * 1,4',
        retentionDays: 35,
        copyToRegion: 'eu-central-1',
      },
    },
    defaultMonitoringConfig(migration),
  );

  it('writes Prometheus rules scoped to the migration', async () => {
    const generated = await generateMonitoring(migration, config);
    const rules = parseYaml(generated.prometheusRules);
    const list = rules.groups[0].rules;
    expect(list.map((r: any) => r.alert)).toEqual([
      'HighCpu',
      'HighMemory',
      'DiskFilling',
      'InstanceDown',
      'Errors',
    ]);
    expect(list[0]).toMatchObject({
      for: '10m',
      labels: { severity: 'warning', migration_id: 'm-1234' },
    });
    expect(list[0].expr).toBe(
      '100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", migration_id="m-1234"}[5m]))) > 85',
    );
    expect(list[3].expr).toBe('up{migration_id="m-1234"} == 0');
    expect(
      alertExpression(
        {
          name: 'x',
          metric: 'cpu',
          comparison: '>',
          threshold: 1,
          forMinutes: 1,
          severity: 'info',
        },
        'a"b',
      ),
    ).toContain('migration_id="a\\"b"');
  });

  it('writes CloudWatch alarms and an AWS Backup plan that parse back as generated', async () => {
    const generated = await generateMonitoring(migration, config);
    expect(Object.keys(generated.terraform).sort()).toEqual([
      'alerts.tf',
      'backup.tf',
      'variables.tf',
      'versions.tf',
    ]);
    expect(generated.validation.every(v => v.status === 'pass')).toBe(true);
    const alerts = await hcl2jsonParser.parse(
      'alerts.tf',
      generated.terraform['alerts.tf'],
    );
    const cpu = alerts.resource.aws_cloudwatch_metric_alarm.highcpu[0];
    expect(cpu).toMatchObject({
      metric_name: 'CPUUtilization',
      namespace: 'AWS/EC2',
      threshold: 85,
      evaluation_periods: 10,
      comparison_operator: 'GreaterThanThreshold',
      for_each: '${toset(data.aws_instances.migrated.ids)}',
    });
    expect(
      alerts.resource.aws_cloudwatch_metric_alarm.instancedown[0],
    ).toMatchObject({
      metric_name: 'StatusCheckFailed',
      treat_missing_data: 'breaching',
    });
    expect(
      alerts.resource.aws_sns_topic_subscription.channel_1[0],
    ).toMatchObject({ protocol: 'email', endpoint: 'ops@example.com' });
    expect(alerts.resource.aws_cloudwatch_metric_alarm.errors).toBeUndefined();
    expect(generated.notes.join(' ')).toMatch(/Errors: no CloudWatch alarm/);
    const backup = await hcl2jsonParser.parse(
      'backup.tf',
      generated.terraform['backup.tf'],
    );
    const rule = backup.resource.aws_backup_plan.this[0].rule[0];
    expect(rule.schedule).toBe('cron(15 2 ? * MON,THU *)');
    expect(rule.lifecycle[0].delete_after).toBe(35);
    expect(rule.copy_action[0].destination_vault_arn).toBe(
      'arn:aws:backup:eu-central-1:${data.aws_caller_identity.current.account_id}:backup-vault:Default',
    );
    expect(
      backup.resource.aws_backup_selection.migrated[0].selection_tag[0],
    ).toMatchObject({
      key: 'migration-id',
      value: '${var.migration_id}',
    });
  });

  it('writes Azure Monitor alerts and a Recovery Services policy', async () => {
    const generated = await generateMonitoring(
      { ...migration, target: { provider: 'azure', region: 'westeurope' } },
      config,
    );
    expect(generated.validation.filter(v => v.status === 'fail')).toEqual([]);
    const alerts = await hcl2jsonParser.parse(
      'alerts.tf',
      generated.terraform['alerts.tf'],
    );
    const memory = alerts.resource.azurerm_monitor_metric_alert.highmemory[0];
    expect(memory.criteria[0]).toMatchObject({
      metric_name: 'Available Memory Percentage',
      operator: 'LessThan',
      threshold: 10,
    });
    expect(memory.window_size).toBe('PT15M');
    const backup = await hcl2jsonParser.parse(
      'backup.tf',
      generated.terraform['backup.tf'],
    );
    const policy = backup.resource.azurerm_backup_policy_vm.this[0];
    expect(policy.backup[0]).toMatchObject({
      frequency: 'Weekly',
      time: '02:00',
      weekdays: ['Monday', 'Thursday'],
    });
    expect(policy.retention_weekly[0].count).toBe(5);
    expect(generated.notes.join(' ')).toMatch(
      /starts at 02:00 instead of 02:15/,
    );
  });

  it('writes Cloud Monitoring policies and a snapshot schedule', async () => {
    const generated = await generateMonitoring(
      { ...migration, target: { provider: 'gcp', region: 'europe-west1' } },
      config,
    );
    expect(generated.validation.filter(v => v.status === 'fail')).toEqual([]);
    const alerts = await hcl2jsonParser.parse(
      'alerts.tf',
      generated.terraform['alerts.tf'],
    );
    const cpu = alerts.resource.google_monitoring_alert_policy.highcpu[0];
    expect(cpu.conditions[0].condition_threshold[0]).toMatchObject({
      threshold_value: 0.85,
      comparison: 'COMPARISON_GT',
      duration: '600s',
    });
    expect(cpu.notification_channels).toEqual([
      '${google_monitoring_notification_channel.email_1.id}',
    ]);
    const backup = await hcl2jsonParser.parse(
      'backup.tf',
      generated.terraform['backup.tf'],
    );
    const schedule =
      backup.resource.google_compute_resource_policy.snapshots[0]
        .snapshot_schedule_policy[0];
    expect(schedule.retention_policy[0].max_retention_days).toBe(35);
    expect(schedule.schedule[0].weekly_schedule[0].day_of_weeks).toEqual([
      { day: 'MONDAY', start_time: '02:00' },
      { day: 'THURSDAY', start_time: '02:00' },
    ]);
  });

  it('reports references to resources that are not declared', async () => {
    const files = [
      {
        path: 'alerts.tf',
        blocks: [
          hcl.block(
            'resource',
            ['aws_sns_topic_subscription', 's'],
            [
              hcl.attr('topic_arn', hcl.expr('aws_sns_topic.missing.arn')),
              hcl.attr('endpoint', hcl.expr('var.undeclared')),
            ],
          ),
        ],
      },
    ];
    const rendered = { 'alerts.tf': renderHclFile(files[0]) };
    const results = await validateGeneratedMonitoring(
      files,
      rendered,
      'groups: []',
    );
    expect(results).toEqual(
      expect.arrayContaining([
        {
          file: 'alerts.tf',
          status: 'fail',
          message:
            'Unresolved references: aws_sns_topic.missing, var.undeclared',
        },
        expect.objectContaining({
          file: 'prometheus-rules.yaml',
          status: 'fail',
        }),
      ]),
    );
  });

  it('reports a generated file that does not parse back', async () => {
    const broken = {
      parse: async (file: string, content: string) =>
        file === 'alerts.tf'
          ? hcl2jsonParser.parse(
              file,
              content.replace('resource', 'resource {'),
            )
          : hcl2jsonParser.parse(file, content),
    };
    const generated = await generateMonitoring(migration, config, {
      parser: broken,
    });
    expect(
      generated.validation.find(v => v.file === 'alerts.tf'),
    ).toMatchObject({ status: 'fail' });
  });
});

describe('parseAlertmanagerWebhook', () => {
  const payload = {
    version: '4',
    groupKey: '{}:{alertname="HighCpu"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'sirsi',
    groupLabels: { alertname: 'HighCpu' },
    commonLabels: { alertname: 'HighCpu', severity: 'warning' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    alerts: [
      {
        status: 'firing',
        labels: {
          alertname: 'HighCpu',
          instance: 'web-01:9100',
          severity: 'warning',
        },
        annotations: { summary: 'HighCpu on web-01' },
        startsAt: '2027-01-01T10:00:00.000Z',
        endsAt: '0001-01-01T00:00:00Z',
        generatorURL: 'http://prometheus:9090/graph',
        fingerprint: 'c4f7a1c5d4b3e2f1',
      },
    ],
  };

  it('accepts the real payload shape', () => {
    const parsed = parseAlertmanagerWebhook(payload);
    expect(parsed.alerts[0].fingerprint).toBe('c4f7a1c5d4b3e2f1');
    expect(alertEndsAt(parsed.alerts[0])).toBeUndefined();
  });

  it.each([
    [{ ...payload, version: '3' }, /version/],
    [{ ...payload, alerts: [] }, /alerts/],
    [
      { ...payload, alerts: [{ ...payload.alerts[0], fingerprint: 'zz' }] },
      /alerts\.0\.fingerprint/,
    ],
    [
      {
        ...payload,
        alerts: [{ ...payload.alerts[0], labels: { instance: 'x' } }],
      },
      /alertname/,
    ],
    ['not json at all', /\(body\)/],
  ])('rejects a bad payload naming the field (%#)', (body, message) => {
    expect(() => parseAlertmanagerWebhook(body)).toThrow(InputError);
    expect(() => parseAlertmanagerWebhook(body)).toThrow(message);
  });
});
