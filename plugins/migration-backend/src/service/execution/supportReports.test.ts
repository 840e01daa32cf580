import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../__testUtils__/testDatabases';
import { KnexMigrationStore } from '../../database/KnexMigrationStore';
import { createMigrationAccess } from '../../engine/createMigrationAccess';
import { createExecutionCapabilities } from './createExecutionCapabilities';
import { KnexExecutionStore } from '../../database/KnexExecutionStore';
import {
  isReportDue,
  nextReportTime,
  sendDueSupportReports,
} from './supportReports';

jest.setTimeout(60_000);

/** Monday 1 March 2027, 09:00 UTC: when the support configuration was saved. */
const CONFIGURED = Date.parse('2027-03-01T09:00:00Z');
const at = (iso: string) => new Date(iso);

describe('scheduled operational reports', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex: Knex = await initMigratedDatabase(databases, databaseId);
    const migrations = new KnexMigrationStore(knex);
    const store = new KnexExecutionStore(knex);
    const create = async (title: string, cron: string) => {
      const { migration } = await migrations.createMigration(
        {
          id: crypto.randomUUID(),
          title,
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
      await store.saveSupport({
        migrationId: migration.id,
        target: migration.target,
        config: {
          alerts: [],
          reportSchedule: {
            cron,
            recipients: ['group:default/orders', 'user:default/carol'],
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
          terraform: {},
          validation: [],
          notes: [],
        },
        updatedAt: new Date().toISOString(),
        updatedBy: 'user:default/alice',
      });
      await knex('migration_support_configs')
        .where({ migration_id: migration.id })
        .update({ updated_at: CONFIGURED });
      return migration;
    };
    const notifications = { send: jest.fn(async () => {}) };
    const logger = mockServices.logger.mock();
    const sweep = (now: Date) =>
      sendDueSupportReports(
        {
          store,
          access: createMigrationAccess(migrations),
          notifications,
          logger,
        },
        now,
      );
    return { knex, migrations, store, create, notifications, logger, sweep };
  }

  it('computes the next occurrence of a UTC cron expression', () => {
    expect(
      nextReportTime('0 8 * * 1', at('2027-03-01T09:00:00Z'))?.toISOString(),
    ).toBe('2027-03-08T08:00:00.000Z');
    expect(nextReportTime('61 8 * * 1', at('2027-03-01T09:00:00Z'))).toBe(
      undefined,
    );
    const schedule = {
      migrationId: 'm',
      cron: '0 8 * * 1',
      recipients: [],
      updatedAt: '2027-03-01T09:00:00.000Z',
    };
    expect(isReportDue(schedule, at('2027-03-08T07:59:59Z'))).toBe(false);
    expect(isReportDue(schedule, at('2027-03-08T08:00:00Z'))).toBe(true);
    expect(
      isReportDue(
        { ...schedule, lastReportAt: '2027-03-08T08:00:10.000Z' },
        at('2027-03-14T23:00:00Z'),
      ),
    ).toBe(false);
  });

  it.each(databases.eachSupportedId())(
    'sends each occurrence once, to the recipients, with the report stored, %p',
    async id => {
      const { create, notifications, sweep, migrations } = await setup(id);
      const m = await create('Orders to Azure', '0 8 * * 1');

      expect((await sweep(at('2027-03-08T07:59:00Z'))).sent).toEqual([]);
      expect((await sweep(at('2027-03-08T08:00:30Z'))).sent).toEqual([m.id]);
      // The same occurrence again, e.g. the next check five minutes later: nothing.
      expect((await sweep(at('2027-03-08T08:05:30Z'))).sent).toEqual([]);
      // Three weeks without the backend: one report, not three.
      expect((await sweep(at('2027-03-30T12:00:00Z'))).sent).toEqual([m.id]);
      expect((await sweep(at('2027-03-30T12:05:00Z'))).sent).toEqual([]);
      expect((await sweep(at('2027-04-05T08:00:00Z'))).sent).toEqual([m.id]);

      expect(notifications.send).toHaveBeenCalledTimes(3);
      const [options] = notifications.send.mock.calls[0] as unknown as [any];
      expect(options.recipients).toEqual({
        type: 'entity',
        entityRef: ['group:default/orders', 'user:default/carol'],
      });
      expect(options.payload).toMatchObject({
        title: 'Operational report: Orders to Azure',
        link: `/migrations/${m.id}?tab=report`,
        severity: 'normal',
        topic: `migration:${m.id}`,
      });
      expect(options.payload.description).toMatch(
        /^Status: running · 0 alerts firing/,
      );
      const stored = await migrations.listArtifacts(m.id);
      expect(stored.map(a => a.name).sort()).toEqual([
        'operational-report-2027-03-08.md',
        'operational-report-2027-03-30.md',
        'operational-report-2027-04-05.md',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'never sends twice from concurrent checks and skips what cannot be reported, %p',
    async id => {
      const { knex, create, notifications, sweep, logger } = await setup(id);
      const m = await create('Orders to Azure', '0 8 * * 1');
      const cancelled = await create('Abandoned', '0 8 * * 1');
      await knex('migrations')
        .where({ id: cancelled.id })
        .update({ status: 'cancelled' });
      await create('Bad schedule', '61 8 * * 1');

      const now = at('2027-03-08T08:01:00Z');
      const results = await Promise.all([sweep(now), sweep(now), sweep(now)]);
      expect(results.flatMap(r => r.sent)).toEqual([m.id]);
      expect(notifications.send).toHaveBeenCalledTimes(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining(
          'report schedule "61 8 * * 1" cannot be scheduled',
        ),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'is scheduled with the Backstage scheduler by the execution capabilities, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const scheduler = mockServices.scheduler.mock();
      await createExecutionCapabilities({
        config: mockServices.rootConfig({
          data: {
            migration: {
              support: {
                reportCheck: {
                  frequency: { minutes: 15 },
                  timeout: { minutes: 3 },
                },
              },
            },
          },
        }),
        knex,
        store: new KnexMigrationStore(knex),
        notifications: { send: jest.fn() },
        logger: mockServices.logger.mock(),
        scheduler,
      });
      expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
      const task = scheduler.scheduleTask.mock
        .calls[0][0] as SchedulerServiceTaskInvocationDefinition & {
        frequency: unknown;
        timeout: unknown;
      };
      expect(task).toMatchObject({
        id: 'migration-support-reports',
        frequency: { minutes: 15 },
        timeout: { minutes: 3 },
      });
      // The scheduled function runs a check (nothing is configured, so nothing is sent).
      await expect(
        task.fn(new AbortController().signal),
      ).resolves.toBeUndefined();
    },
  );
});
