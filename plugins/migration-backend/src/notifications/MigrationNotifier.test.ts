import { mockServices } from '@backstage/backend-test-utils';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitForStatus,
  type TestEngine,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { MigrationNotifier } from './MigrationNotifier';

jest.setTimeout(30_000);

describe('MigrationNotifier', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let engine: TestEngine;

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
    });

    afterEach(async () => {
      await engine?.stop();
    });

    function notifier(send: NotificationService['send']) {
      const logger = mockServices.logger.mock();
      return {
        logger,
        notifier: new MigrationNotifier({
          store: engine.store,
          knex,
          notifications: { send },
          logger,
          approverGroups: ['group:default/platform-engineering'],
          separationOfDuties: true,
        }),
      };
    }

    async function waitingGate() {
      const { executors } = countingExecutors();
      engine = createTestEngine({ knex, executors, gatedPhases: ['build'] });
      const { migration } = await engine.service.create(
        createRequest({ owner: 'group:default/team-shop' }),
        alice,
      );
      await engine.engine.start();
      await waitForStatus(engine.store, migration.id, 'awaiting_approval');
      return migration.id;
    }

    it('sends a gate once, whichever replica and however often it is told', async () => {
      const migrationId = await waitingGate();
      const send = jest.fn(async () => {});
      const replicas = [notifier(send), notifier(send)];
      const signal = {
        migrationId,
        type: 'approval' as const,
        phase: 'build' as const,
        status: 'awaiting_approval' as const,
      };
      await Promise.all(
        [...replicas, ...replicas].map(r => r.notifier.onSignal(signal)),
      );
      await replicas[0].notifier.onSignal(signal);
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: ['group:default/platform-engineering'],
          excludeEntityRef: ['user:default/alice'],
        },
        payload: expect.objectContaining({
          title: 'Approval needed: build phase of Move the webshop',
          link: '/migrations/approvals',
          topic: `migration:${migrationId}`,
          severity: 'high',
        }),
      });
    });

    it('logs a failed send without throwing, and lets a later signal try again', async () => {
      const migrationId = await waitingGate();
      const send = jest
        .fn<Promise<void>, any[]>()
        .mockRejectedValueOnce(new Error('notifications backend down'))
        .mockResolvedValue(undefined);
      const { notifier: n, logger } = notifier(send);
      const signal = {
        migrationId,
        type: 'approval' as const,
        phase: 'build' as const,
        status: 'awaiting_approval' as const,
      };
      await expect(n.onSignal(signal)).resolves.toBeUndefined();
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend down'),
      );
      await n.onSignal(signal);
      await n.onSignal(signal);
      expect(send).toHaveBeenCalledTimes(2);
    });

    it('tells requester and owner of the end, once, and nothing for other signals', async () => {
      const { executors } = countingExecutors();
      engine = createTestEngine({ knex, executors });
      const { migration } = await engine.service.create(
        createRequest({ owner: 'group:default/team-shop' }),
        alice,
      );
      await engine.engine.start();
      await waitForStatus(engine.store, migration.id, 'completed');
      const send = jest.fn(async () => {});
      const { notifier: n } = notifier(send);
      await n.onSignal({
        migrationId: migration.id,
        type: 'migration',
        status: 'completed',
      });
      await n.onSignal({
        migrationId: migration.id,
        type: 'migration',
        status: 'completed',
      });
      // A stale signal (the migration is no longer failed) and task signals send nothing.
      await n.onSignal({
        migrationId: migration.id,
        type: 'migration',
        status: 'failed',
      });
      await n.onSignal({
        migrationId: migration.id,
        type: 'task',
        taskStatus: 'succeeded',
      });
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith({
        recipients: {
          type: 'entity',
          entityRef: ['user:default/alice', 'group:default/team-shop'],
        },
        payload: expect.objectContaining({
          title: 'Completed: Move the webshop',
          link: `/migrations/${migration.id}`,
        }),
      });
    });
  });
});
