import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import type express from 'express';
import type { Knex } from 'knex';
import type { MigrationStore } from '../../database/MigrationStore';
import {
  createExecutionExecutors,
  createMigrationAccess,
  readExecutionConfig,
  type TransferClients,
} from '../../executors/execution';
import { createExecutionRouter } from './createExecutionRouter';
import { KnexExecutionStore } from './ExecutionStore';

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
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  notifications: NotificationService;
  logger: LoggerService;
  auditor: AuditorService;
  clients?: TransferClients;
}

/**
 * The executors of the build, transfer, validate, optimize and support phases (register them
 * after the built-ins, whose task types they replace) and the router of their routes (mount it
 * beside the engine's). The tables are created by the package's knex migrations.
 *
 * @public
 */
export async function createExecutionCapabilities(
  options: ExecutionCapabilitiesOptions,
): Promise<{ executors: MigrationExecutor[]; router: express.Router }> {
  const config = readExecutionConfig(options.config);
  const store = new KnexExecutionStore(options.knex);
  const access = createMigrationAccess(options.store);
  return {
    executors: createExecutionExecutors({
      config,
      store,
      access,
      clients: options.clients,
    }),
    router: await createExecutionRouter({
      access,
      store,
      config,
      httpAuth: options.httpAuth,
      auth: options.auth,
      permissions: options.permissions,
      notifications: options.notifications,
      logger: options.logger,
      auditor: options.auditor,
    }),
  };
}
