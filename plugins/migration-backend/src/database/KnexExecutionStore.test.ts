import type { Knex } from 'knex';
import type { AlertmanagerAlert } from '@sirsi-nexus/plugin-migration-iac-node';
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
});
