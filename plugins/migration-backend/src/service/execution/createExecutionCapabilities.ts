import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Knex } from 'knex';
import type { MigrationStore } from '../../database/MigrationStore';
import { createMigrationAccess } from '../../engine/createMigrationAccess';
import { readExecutionConfig } from '../../executors';
import { KnexExecutionStore } from '../../database/KnexExecutionStore';
import type { ExecutionRouteOptions } from '../routes/execution';
import { sendDueSupportReports } from './supportReports';

const DEFAULT_REPORT_CHECK: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 10 },
  initialDelay: { minutes: 1 },
};

/**
 * Everything the execution capabilities need from the plugin's `init`.
 *
 * @public
 */
export interface ExecutionCapabilitiesOptions {
  config: Config;
  /** The plugin's database client (the engine's tables and this capability's share it). */
  knex: Knex;
  store: MigrationStore;
  notifications: NotificationService;
  logger: LoggerService;
  /** Runs the scheduled operational reports (`migration.support.reportCheck`). */
  scheduler: SchedulerService;
}

/**
 * What the router's execution routes and the support phase work with (the monitoring store,
 * access to migrations, the execution config). Schedules the operational reports of the support
 * phase. The tables are created by the package's knex migrations.
 *
 * @public
 */
export async function createExecutionCapabilities(
  options: ExecutionCapabilitiesOptions,
): Promise<{ routes: ExecutionRouteOptions }> {
  const config = readExecutionConfig(options.config);
  const store = new KnexExecutionStore(options.knex);
  const access = createMigrationAccess(options.store);
  const reportCheck = options.config.has('migration.support.reportCheck')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        options.config.getConfig('migration.support.reportCheck'),
      )
    : DEFAULT_REPORT_CHECK;
  await options.scheduler.scheduleTask({
    id: 'migration-support-reports',
    ...reportCheck,
    fn: async () => {
      const { sent } = await sendDueSupportReports({
        store,
        access,
        notifications: options.notifications,
        logger: options.logger,
      });
      if (sent.length > 0) {
        options.logger.info(
          `Sent the scheduled operational report of ${sent.length} migration(s)`,
        );
      }
    },
  });
  return {
    routes: { access, store, config, notifications: options.notifications },
  };
}
