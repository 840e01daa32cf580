import type { MonitoringAlertRule } from '@sirsi-nexus/plugin-migration-common';
import { hcl, type HclBlock } from '../../iac/hcl/document';
import { toTerraformIdentifier } from '../../iac/hcl/identifiers';
import { parseBackupSchedule } from '../monitoringConfig';
import {
  emails,
  pad,
  supportFiles,
  supportName,
  tagsValue,
  webhooks,
  type SupportTerraform,
  type SupportTerraformInput,
} from './common';
import { variable } from '../../iac/hcl/variable';

// Azure: Azure Monitor metric alerts to an action group, Recovery Services vault + VM backup.

const { attr, block, blank, str, num, bool, expr } = hcl;

type AzureMetric = { name: string; aggregation: string; invert?: boolean };

const AZURE_METRICS: Partial<
  Record<MonitoringAlertRule['metric'], AzureMetric>
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
const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];
const VIRTUAL_MACHINES = 'Microsoft.Compute/virtualMachines';

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

/** Azure Monitor alerts and Azure Backup for the migration's virtual machines. */
export function azureSupportTerraform(
  input: SupportTerraformInput,
): SupportTerraform {
  const notes: string[] = [];
  const alerts = azureAlerts(input, notes);
  const backup = input.config.backupStrategy.enabled
    ? azureBackup(input, notes)
    : [];
  return {
    notes,
    files: supportFiles({
      provider: {
        name: 'azurerm',
        source: 'hashicorp/azurerm',
        version: '~> 4.0',
      },
      providerBlock: block(
        'provider',
        ['azurerm'],
        [block('features', [], [])],
      ),
      variables: [
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
      alerts,
      backup,
    }),
  };
}

/** The migrated VMs (by tag), an action group with every channel, and the metric alerts. */
function azureAlerts(
  input: SupportTerraformInput,
  notes: string[],
): HclBlock[] {
  const alerts: HclBlock[] = [
    block(
      'data',
      ['azurerm_resources', 'migrated'],
      [
        attr('type', str(VIRTUAL_MACHINES)),
        attr(
          'required_tags',
          hcl.object([['migration-id', expr('var.migration_id')]]),
        ),
      ],
    ),
    actionGroup(input),
  ];
  for (const alert of input.config.alerts) {
    const metric = AZURE_METRICS[alert.metric];
    if (!metric) {
      notes.push(
        `${alert.name}: Azure Monitor has no platform metric for ${alert.metric} of a VM (needs the Azure Monitor agent / Application Insights); the Prometheus rule covers it.`,
      );
      continue;
    }
    alerts.push(metricAlert(input, alert, metric));
  }
  return alerts;
}

function actionGroup(input: SupportTerraformInput): HclBlock {
  const { config } = input;
  return block(
    'resource',
    ['azurerm_monitor_action_group', 'alerts'],
    [
      attr('name', str(`${supportName(input)}-alerts`)),
      attr('resource_group_name', expr('var.resource_group_name')),
      attr('short_name', str('sirsi')),
      ...emails(config).flatMap((email, i) => [
        blank(),
        receiver('email_receiver', `email-${i + 1}`, ['email_address', email]),
      ]),
      ...webhooks(config).flatMap((uri, i) => [
        blank(),
        receiver('webhook_receiver', `webhook-${i + 1}`, ['service_uri', uri]),
      ]),
      blank(),
      attr('tags', tagsValue(input)),
    ],
  );
}

function receiver(
  type: 'email_receiver' | 'webhook_receiver',
  name: string,
  [attribute, value]: [string, string],
): HclBlock {
  return block(
    type,
    [],
    [
      attr('name', str(name)),
      attr(attribute, str(value)),
      attr('use_common_alert_schema', bool(true)),
    ],
  );
}

/**
 * A metric alert over every migrated VM. Memory is measured as available memory, so its
 * threshold and direction are inverted; availability alerts when the metric drops below 1.
 */
function metricAlert(
  input: SupportTerraformInput,
  alert: MonitoringAlertRule,
  metric: AzureMetric,
): HclBlock {
  const availability = alert.metric === 'availability';
  const below =
    availability || metric.invert
      ? alert.comparison === '>'
      : alert.comparison === '<';
  let threshold = metric.invert ? 100 - alert.threshold : alert.threshold;
  if (availability) threshold = 1;
  return block(
    'resource',
    ['azurerm_monitor_metric_alert', toTerraformIdentifier(alert.name)],
    [
      attr('name', str(`${supportName(input)}-${alert.name}`)),
      attr('resource_group_name', expr('var.resource_group_name')),
      attr('scopes', expr('data.azurerm_resources.migrated.resources[*].id')),
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
      attr('target_resource_type', str(VIRTUAL_MACHINES)),
      attr('target_resource_location', expr('var.location')),
      blank(),
      block(
        'criteria',
        [],
        [
          attr('metric_namespace', str(VIRTUAL_MACHINES)),
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
  );
}

/**
 * A Recovery Services vault, a VM backup policy and every migrated VM protected by it. Azure
 * Backup starts on the hour or half hour: other minutes are rounded down, with a note.
 */
function azureBackup(
  input: SupportTerraformInput,
  notes: string[],
): HclBlock[] {
  const strategy = input.config.backupStrategy;
  const s = parseBackupSchedule(strategy.schedule);
  if (s.minute !== 0 && s.minute !== 30) {
    notes.push(
      `Azure Backup runs on the hour or half hour: the backup starts at ${pad(
        s.hour,
      )}:${s.minute < 30 ? '00' : '30'} instead of ${pad(s.hour)}:${pad(
        s.minute,
      )}.`,
    );
  }
  return [
    block(
      'resource',
      ['azurerm_recovery_services_vault', 'this'],
      [
        attr('name', str(supportName(input))),
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
    backupPolicy(input, s),
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
  ];
}

function backupPolicy(
  input: SupportTerraformInput,
  s: ReturnType<typeof parseBackupSchedule>,
): HclBlock {
  const { retentionDays } = input.config.backupStrategy;
  const time = `${pad(s.hour)}:${s.minute < 30 ? '00' : '30'}`;
  const weekdays = s.weekdays?.map(d => WEEKDAYS[d]);
  return block(
    'resource',
    ['azurerm_backup_policy_vm', 'this'],
    [
      attr('name', str(supportName(input))),
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
          attr('frequency', str(weekdays ? 'Weekly' : 'Daily')),
          attr('time', str(time)),
          ...(weekdays ? [attr('weekdays', hcl.strings(weekdays))] : []),
        ],
      ),
      blank(),
      weekdays
        ? block(
            'retention_weekly',
            [],
            [
              attr('count', num(Math.max(1, Math.ceil(retentionDays / 7)))),
              attr('weekdays', hcl.strings(weekdays)),
            ],
          )
        : block('retention_daily', [], [attr('count', num(retentionDays))]),
    ],
  );
}
