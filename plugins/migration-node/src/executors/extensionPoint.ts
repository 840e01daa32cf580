import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { MigrationExecutor } from './types';

/**
 * Lets backend modules add phase executors to the migration engine.
 *
 * @public
 */
export interface MigrationExecutorsExtensionPoint {
  addExecutor(...executors: MigrationExecutor[]): void;
}

/**
 * Extension point for phase executors of the `migration` plugin.
 *
 * @public
 */
export const migrationExecutorsExtensionPoint =
  createExtensionPoint<MigrationExecutorsExtensionPoint>({
    id: 'migration.executors',
  });
