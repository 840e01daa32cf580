import type { MigrationActionDeps } from './actionDeps';
import { registerGetMigrationStatusAction } from './getMigrationStatusAction';
import { registerListMigrationsAction } from './listMigrationsAction';
import { registerRequestMigrationAction } from './requestMigrationAction';

/**
 * Registers `migration:list`, `migration:get-status` and `migration:request-migration` with the actions
 * registry (and so with the MCP endpoint). Each authorizes with the caller's own credentials.
 *
 * @public
 */
export function registerMigrationActions(options: MigrationActionDeps) {
  registerListMigrationsAction(options);
  registerGetMigrationStatusAction(options);
  registerRequestMigrationAction(options);
}
