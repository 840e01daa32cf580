import type { MonitoringConfig } from '@sirsi-nexus/plugin-migration-common';
import { defaultMonitoringConfig } from './monitoringConfig';
import { renderSupportTerraform, supportTerraform } from './supportTerraform';

const owner = 'group:default/team-webshop';

/** Every metric, both channel kinds, weekly backups at an odd minute copied to another region. */
const everyFeature: MonitoringConfig = {
  ...defaultMonitoringConfig({ owner }),
  alerts: [
    ...defaultMonitoringConfig({ owner }).alerts,
    {
      name: 'SlowCheckout',
      metric: 'latency',
      comparison: '>',
      threshold: 800,
      forMinutes: 45,
      severity: 'info',
    },
    {
      name: 'Errors',
      metric: 'error-rate',
      comparison: '>',
      threshold: 5,
      forMinutes: 2000,
      severity: 'critical',
    },
    {
      name: 'LowCpu',
      metric: 'cpu',
      comparison: '<',
      threshold: 5,
      forMinutes: 60,
      severity: 'info',
    },
    {
      name: 'MemoryLow',
      metric: 'memory',
      comparison: '<',
      threshold: 10,
      forMinutes: 3,
      severity: 'critical',
    },
  ],
  channels: [
    { type: 'email', target: 'ops@example.com' },
    { type: 'email', target: 'oncall@example.com' },
    { type: 'webhook', target: 'https://hooks.example.com/sirsi' },
  ],
  backupStrategy: {
    enabled: true,
    schedule: '17 3 * * 1,3,5',
    retentionDays: 30,
    copyToRegion: 'eu-central-1',
  },
};

const noBackup: MonitoringConfig = {
  ...defaultMonitoringConfig({ owner }),
  backupStrategy: { enabled: false, schedule: '0 2 * * *', retentionDays: 7 },
};

/**
 * The support Terraform, byte for byte: refactoring must not change a character. A deliberate
 * change of the output updates the snapshot (`yarn test -u`).
 */
describe('supportTerraform output', () => {
  const cases = (['aws', 'azure', 'gcp'] as const).flatMap(provider =>
    (
      [
        ['defaults', defaultMonitoringConfig({ owner })],
        ['every feature', everyFeature],
        [
          'daily at half past',
          {
            ...everyFeature,
            backupStrategy: {
              enabled: true,
              schedule: '30 1 * * *',
              retentionDays: 14,
            },
          },
        ],
        ['no backup', noBackup],
      ] as const
    ).map(
      ([name, config]) => [`${provider}, ${name}`, provider, config] as const,
    ),
  );

  it.each(cases)('is unchanged for %s', (_name, provider, config) => {
    const terraform = supportTerraform({
      migrationId: 'Mig_0001.Webshop',
      owner,
      target: { provider, region: 'eu-west-1' },
      config,
    });
    expect({
      files: renderSupportTerraform(terraform),
      notes: terraform.notes,
    }).toMatchSnapshot();
  });
});
