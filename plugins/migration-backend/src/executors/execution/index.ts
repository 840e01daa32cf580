import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionStore } from '../../service/execution/ExecutionStore';
import type { MigrationAccess } from './access';
import { createBuildExecutor } from './build';
import type { ExecutionConfig } from './config';
import { createOptimizeExecutor } from './optimize';
import { createReportExecutor } from './report';
import { createSupportExecutor } from './support';
import { createTransferExecutor, type TransferClients } from './transfer';
import { createValidateExecutor } from './validate';

export { createMigrationAccess, type MigrationAccess } from './access';
export { readExecutionConfig, type ExecutionConfig } from './config';
export { BUILD_TASK, createBuildExecutor } from './build';
export {
  TRANSFER_TASK,
  createTransferExecutor,
  type TransferClients,
} from './transfer';
export {
  VALIDATE_TASK,
  createValidateExecutor,
  validateMigration,
} from './validate';
export {
  OPTIMIZE_TASK,
  createOptimizeExecutor,
  optimizeMigration,
} from './optimize';
export {
  SUPPORT_TASK,
  configureSupport,
  createSupportExecutor,
  supportArtifacts,
} from './support';
export { REPORT_TASK, createReportExecutor, reportMigration } from './report';

/**
 * What the execution executors need.
 *
 * @public
 */
export interface ExecutionExecutorDeps {
  config: ExecutionConfig;
  store: ExecutionStore;
  access: MigrationAccess;
  /** S3 and EC2 clients per region; the SDKs' default credential chain otherwise. */
  clients?: TransferClients;
}

/**
 * The executors of the build, transfer, validate, optimize and support phases plus the report.
 * They use the task types of the built-in rehearsal executors, so registering them after the
 * built-ins replaces those.
 *
 * @public
 */
export function createExecutionExecutors(
  deps: ExecutionExecutorDeps,
): MigrationExecutor[] {
  return [
    createBuildExecutor({ config: deps.config }),
    createTransferExecutor({ config: deps.config, clients: deps.clients }),
    createValidateExecutor({ config: deps.config }),
    createOptimizeExecutor({ config: deps.config }),
    createSupportExecutor({ store: deps.store }),
    createReportExecutor({ access: deps.access }),
  ];
}
