import type {
  CloudCapabilityLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { MigrationAccess } from './access';
import { createBuildExecutor, createTerraformPlanExecutor } from './build';
import { IAC_TASK } from '../iac';
import type { ExecutionConfig } from './config';
import { createOptimizeExecutor } from './optimize';
import { createReportExecutor } from './report';
import { createSupportExecutor } from './support';
import { createTransferExecutor } from './transfer';
import { createValidateExecutor } from './validate';

export { createMigrationAccess, type MigrationAccess } from './access';
export { readExecutionConfig, type ExecutionConfig } from './config';
export {
  BUILD_TASK,
  TERRAFORM_PLAN_TASK,
  createBuildExecutor,
  createTerraformPlanExecutor,
} from './build';
export { TRANSFER_TASK, createTransferExecutor } from './transfer';
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
  /** What the installed clouds can do: object storage, image copies. */
  capabilities: CloudCapabilityLookup;
  /**
   * Keys of the test phase's tasks that store the IaC bundle, after which the gate planner runs
   * (default: the IaC executor's `test.generate-iac`).
   */
  bundleTaskKeys?: string[];
}

/**
 * The executors of the build, transfer, validate, optimize and support phases plus the report
 * and, with `migration.iac.terraformCommand`, the planner that runs before the build gate.
 * They use the task types of the built-in rehearsal executors, so registering them after the
 * built-ins replaces those.
 *
 * @public
 */
export function createExecutionExecutors(
  deps: ExecutionExecutorDeps,
): MigrationExecutor[] {
  return [
    createTerraformPlanExecutor({
      config: deps.config,
      after: deps.bundleTaskKeys ?? [IAC_TASK],
    }),
    createBuildExecutor({ config: deps.config }),
    createTransferExecutor({
      config: deps.config,
      capabilities: deps.capabilities,
    }),
    createValidateExecutor({ config: deps.config }),
    createOptimizeExecutor({ config: deps.config }),
    createSupportExecutor({ store: deps.store }),
    createReportExecutor({ access: deps.access }),
  ];
}
