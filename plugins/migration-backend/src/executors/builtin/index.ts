import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  CloudProviderLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createEnvironmentExecutor,
  type EnvironmentValidationRecorder,
} from './environment';
import { createOptimizeExecutor } from './optimize';
import { createPlanExecutor } from './plan';
import { createBuildExecutor, createTransferExecutor } from './rehearsal';
import { createSpecifyExecutor } from './specify';
import { createSupportExecutor } from './support';
import { createTestExecutor } from './test';
import { createValidateExecutor } from './validate';

export { ENVIRONMENT_VALIDATE_TASK } from './environment';
export type { EnvironmentValidationRecorder } from './environment';
export { PLAN_SNAPSHOT_TASK } from './plan';
export { SPECIFY_SUMMARY_TASK } from './specify';
export { TEST_READINESS_TASK } from './test';
export { BUILD_TASK, TRANSFER_TASK } from './rehearsal';
export { VALIDATE_TASK } from './validate';
export { OPTIMIZE_TASK } from './optimize';
export { SUPPORT_TASK } from './support';

/**
 * What the built-in executors need.
 *
 * @public
 */
export interface BuiltinExecutorDeps {
  providers: CloudProviderLookup;
  recorder: EnvironmentValidationRecorder;
  catalog: CatalogService;
  auth: AuthService;
}

/**
 * The executors every migration runs unless a module registers one of the same task type. This
 * is the one place that lists them: add a capability's executor here, or from a module through
 * `migrationExecutorsExtensionPoint`.
 *
 * @public
 */
export function createBuiltinExecutors(
  deps: BuiltinExecutorDeps,
): MigrationExecutor[] {
  return [
    createEnvironmentExecutor(deps),
    createPlanExecutor(deps),
    createSpecifyExecutor(),
    createTestExecutor(),
    createBuildExecutor(),
    createTransferExecutor(),
    createValidateExecutor(),
    createOptimizeExecutor(),
    createSupportExecutor(),
  ];
}
