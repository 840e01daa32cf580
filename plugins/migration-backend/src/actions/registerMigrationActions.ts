import type { MigrationAgentActionDeps } from './agentActionDeps';
import { registerCancelMigrationAction } from './cancelMigrationAction';
import { registerExplainFailureAction } from './explainFailureAction';
import { registerGetMigrationStatusAction } from './getMigrationStatusAction';
import { registerListMigrationsAction } from './listMigrationsAction';
import { registerListWaitingGatesAction } from './listWaitingGatesAction';
import { registerPauseMigrationAction } from './pauseMigrationAction';
import { registerPreviewAssessmentAction } from './previewAssessmentAction';
import { registerRequestMigrationAction } from './requestMigrationAction';
import { registerResumeMigrationAction } from './resumeMigrationAction';

/**
 * Registers the migration actions with the actions registry (and so with the MCP endpoint):
 * `migration:list`, `get-status`, `request-migration`, `preview-assessment`,
 * `list-waiting-gates`, `explain-failure`, `pause`, `resume` and `cancel`. Each authorizes with the
 * caller's own credentials, as the REST route does. There is no approve action: deciding a gate
 * stays a human act in the portal.
 *
 * @public
 */
export function registerMigrationActions(options: MigrationAgentActionDeps) {
  registerListMigrationsAction(options);
  registerGetMigrationStatusAction(options);
  registerRequestMigrationAction(options);
  registerPreviewAssessmentAction(options);
  registerListWaitingGatesAction(options);
  registerExplainFailureAction(options);
  registerPauseMigrationAction(options);
  registerResumeMigrationAction(options);
  registerCancelMigrationAction(options);
}
