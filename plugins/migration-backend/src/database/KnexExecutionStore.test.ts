import type { Knex } from 'knex';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  parseAlertmanagerWebhook,
  type AlertmanagerAlert,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationResource } from '@sirsi-nexus/plugin-migration-node';
import { createAlertLinker } from '../service/execution/alertResources';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { KnexMigrationStore } from './KnexMigrationStore';
import { KnexExecutionStore } from './KnexExecutionStore';

jest.setTimeout(60_000);

const alert = (over: Partial<AlertmanagerAlert> = {}): AlertmanagerAlert => ({
  status: 'firing',
  labels: {
    alertname: 'DiskFilling',
    instance: 'db-01:9100',
    severity: 'warning',
  },
  annotations: { summary: 'Disk 91 % full' },
  startsAt: '2027-02-01T08:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  generatorURL: 'http://prometheus/graph',
  fingerprint: 'ABCDEF0123456789',
  ...over,
});

describe('KnexExecutionStore', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await initMigratedDatabase(databases, databaseId);
    const migrations = new KnexMigrationStore(knex);
    const { migration } = await migrations.createMigration(
      {
        id: '11111111-2222-4333-8444-555555555555',
        title: 'Orders to Azure',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'azure', region: 'westeurope' },
        entityRefs: ['resource:default/db-01'],
        owner: 'group:default/orders',
        requestedBy: 'user:default/alice',
        options: {},
        gatedPhases: [],
      },
      { actor: 'user:default/alice', action: 'migration.created' },
    );
    return {
      knex,
      store: new KnexExecutionStore(knex),
      migrationId: migration.id,
    };
  }

  it.each(databases.eachSupportedId())(
    'stores and replaces support configurations, %p',
    async id => {
      const { store, migrationId } = await setup(id);
      expect(await store.getSupport(migrationId)).toBeUndefined();
      const base = {
        migrationId,
        target: { provider: 'azure' as const, region: 'westeurope' },
        config: {
          alerts: [],
          reportSchedule: {
            cron: '0 8 * * 1',
            recipients: ['group:default/orders'],
          },
          backupStrategy: {
            enabled: false,
            schedule: '0 3 * * *',
            retentionDays: 30,
          },
          channels: [],
        },
        generated: {
          prometheusRules: 'groups: []\n',
          terraform: { 'alerts.tf': '# none\n' },
          validation: [],
          notes: [],
        },
        updatedAt: '2027-01-01T00:00:00.000Z',
        updatedBy: 'user:default/alice',
      };
      await store.saveSupport(base);
      await store.saveSupport({
        ...base,
        updatedBy: 'user:default/bob',
        config: {
          ...base.config,
          channels: [{ type: 'email', target: 'a@b.example' }],
        },
      });
      const stored = await store.getSupport(migrationId);
      expect(stored).toMatchObject({
        updatedBy: 'user:default/bob',
        config: { channels: [{ type: 'email', target: 'a@b.example' }] },
      });
      expect(stored!.generated.terraform['alerts.tf']).toBe('# none\n');
      expect(Date.parse(stored!.updatedAt)).toBeGreaterThan(
        Date.parse('2026-01-01'),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'de-duplicates alerts by fingerprint, %p',
    async id => {
      const { store, migrationId } = await setup(id);

      const [first] = await store.recordAlerts(migrationId, [alert()]);
      expect(first.changed).toBe(true);
      expect(first.alert).toMatchObject({
        fingerprint: 'abcdef0123456789',
        status: 'firing',
        receiveCount: 1,
        summary: 'Disk 91 % full',
      });
      expect(first.alert.endsAt).toBeUndefined();

      // The same alert twice in one delivery and once more later: duplicates, counted.
      const repeats = await store.recordAlerts(migrationId, [alert(), alert()]);
      expect(repeats.map(r => r.changed)).toEqual([false, false]);
      expect(repeats[1].alert.receiveCount).toBe(3);

      // A new firing episode (new startsAt) and the resolution are changes.
      const again = await store.recordAlerts(migrationId, [
        alert({ startsAt: '2027-02-02T08:00:00Z' }),
      ]);
      expect(again[0]).toMatchObject({
        changed: true,
        alert: { receiveCount: 1, startsAt: '2027-02-02T08:00:00Z' },
      });
      const resolved = await store.recordAlerts(migrationId, [
        alert({
          status: 'resolved',
          startsAt: '2027-02-02T08:00:00Z',
          endsAt: '2027-02-02T09:00:00Z',
        }),
        alert({
          fingerprint: '0000000000000001',
          labels: { alertname: 'InstanceDown', severity: 'critical' },
        }),
      ]);
      expect(resolved.map(r => r.changed)).toEqual([true, true]);

      const listed = await store.listAlerts(migrationId);
      expect(listed.map(a => [a.fingerprint, a.status])).toEqual(
        expect.arrayContaining([
          ['abcdef0123456789', 'resolved'],
          ['0000000000000001', 'firing'],
        ]),
      );
      expect(listed).toHaveLength(2);
      expect(
        listed.find(a => a.fingerprint === 'abcdef0123456789')!.endsAt,
      ).toBe('2027-02-02T09:00:00Z');
      expect(await store.listAlerts('another-migration')).toEqual([]);
    },
  );

  /** A migration resource as the plan phase's snapshot gives it. */
  const captured = (
    name: string,
    specs: DiscoveredResource['specs'],
    tags: Record<string, string> = {},
  ): MigrationResource => ({
    entityRef: `resource:default/${name}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name, namespace: 'default' },
    },
    resource: {
      provider: 'vmware',
      environmentId: 'dc1',
      externalId: `vm-${name}`,
      kind: 'vm',
      name,
      specs,
      tags,
      dependsOn: [],
    },
  });

  /** Alertmanager's webhook (version 4) with one firing alert per instance. */
  const webhook = (instances: string[]) => ({
    version: '4',
    groupKey: '{}:{alertname="InstanceDown"}',
    truncatedAlerts: 0,
    status: 'firing',
    receiver: 'sirsi-nexus',
    groupLabels: { alertname: 'InstanceDown' },
    commonLabels: { alertname: 'InstanceDown', severity: 'critical' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager.example:9093',
    alerts: instances.map((instance, i) => ({
      status: 'firing',
      labels: {
        alertname: 'InstanceDown',
        instance,
        job: 'node',
        severity: 'critical',
      },
      annotations: { summary: `${instance} is down` },
      startsAt: '2027-02-01T08:00:00.000Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prometheus.example:9090/graph?g0.expr=up+%3D%3D+0',
      fingerprint: `c0ffee00000000${i}${i}`,
    })),
  });

  it.each(databases.eachSupportedId())(
    "links alerts to the migration's resources by their instance; unmatched ones stay unlinked, %p",
    async id => {
      const { store, migrationId } = await setup(id);
      const link = createAlertLinker([
        captured('db-01', { ipAddresses: ['10.0.1.5', 'fe80::5'] }),
        captured('web-01', { ipAddresses: ['10.0.2.11'] }),
        captured(
          'app-01',
          { ipAddresses: ['10.0.3.7'] },
          { fqdn: 'app-01.corp.example' },
        ),
      ]);
      const payload = parseAlertmanagerWebhook(
        webhook([
          '10.0.1.5:9100',
          'web-01.corp.example:9100',
          '[fe80::5]:9100',
          'APP-01.corp.example.:9182',
          '10.9.9.9:9100',
        ]),
      );

      const recorded = await store.recordAlerts(
        migrationId,
        payload.alerts,
        link,
      );
      expect(
        recorded.map(r => [r.alert.instance, r.alert.resource?.entityRef]),
      ).toEqual([
        ['10.0.1.5', 'resource:default/db-01'],
        ['web-01.corp.example', 'resource:default/web-01'],
        ['fe80::5', 'resource:default/db-01'],
        ['app-01.corp.example', 'resource:default/app-01'],
        ['10.9.9.9', undefined],
      ]);
      expect(recorded[0].alert.resource).toEqual({
        id: 'vm-db-01',
        name: 'db-01',
        entityRef: 'resource:default/db-01',
      });

      const listed = await store.listAlerts(migrationId);
      expect(listed).toHaveLength(5);
      const unlinked = listed.find(a => a.instance === '10.9.9.9')!;
      expect(unlinked.resource).toBeUndefined();
      expect(unlinked.labels.instance).toBe('10.9.9.9:9100');

      // A later delivery after the snapshot knows the host links the alert that was unlinked.
      const [relinked] = await store.recordAlerts(
        migrationId,
        parseAlertmanagerWebhook(webhook(['10.9.9.9:9100'])).alerts.map(a => ({
          ...a,
          fingerprint: 'c0ffee0000000044',
        })),
        createAlertLinker([
          captured('batch-01', { ipAddresses: ['10.9.9.9'] }),
        ]),
      );
      expect(relinked).toMatchObject({
        changed: false,
        alert: { resource: { name: 'batch-01' }, receiveCount: 2 },
      });
    },
  );
});
