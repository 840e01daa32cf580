import type {
  AuthService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { TASK_TYPES } from '@sirsi-nexus/plugin-migration-common';
import {
  createAdvisorFromConfig,
  createAssessContext,
  createPricedInstanceTypeCatalog,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { readIacSettings } from '@sirsi-nexus/plugin-migration-iac-node';
import type {
  CloudCapabilityLookup,
  CloudProviderLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionStore } from '../database/ExecutionStore';
import type { MigrationAccess } from '../engine/createMigrationAccess';
import { createBuildExecutor } from './build/createBuildExecutor';
import { readExecutionConfig } from './config';
import {
  createEnvironmentExecutor,
  type EnvironmentValidationRecorder,
} from './environment/createEnvironmentExecutor';
import { createOptimizeExecutor } from './optimize/createOptimizeExecutor';
import { createPlanAssessmentExecutor } from './plan/createPlanAssessmentExecutor';
import { createPlanSnapshotExecutor } from './plan/createPlanSnapshotExecutor';
import type { MigrationResourceIndex } from './plan/resourceIndex';
import { createSpecifyAssessmentExecutor } from './specify/createSpecifyAssessmentExecutor';
import { createSpecifySummaryExecutor } from './specify/createSpecifySummaryExecutor';
import { createReportExecutor } from './support/createReportExecutor';
import { createSupportExecutor } from './support/createSupportExecutor';
import { createCatalogResourceLookup } from './test/catalogResourceLookup';
import { createIacTestExecutor } from './test/createIacTestExecutor';
import { createTerraformPlanExecutor } from './test/createTerraformPlanExecutor';
import { createTestReadinessExecutor } from './test/createTestReadinessExecutor';
import { iacTargetDetails } from './test/iacTargetDetails';
import { createTransferExecutor } from './transfer/createTransferExecutor';
import { readServerMoveSettings } from './transfer/serverMoveSettings';
import { createValidateExecutor } from './validate/createValidateExecutor';

export { readExecutionConfig, type ExecutionConfig } from './config';
export type { EnvironmentValidationRecorder } from './environment/createEnvironmentExecutor';
export { optimizeMigration } from './optimize/optimizeMigration';
export { configureSupport, supportArtifacts } from './support/configureSupport';
export { reportMigration } from './support/reportMigration';
export { validateMigration } from './validate/validateMigration';

/**
 * What the executors of the nine phases need.
 *
 * @public
 */
export interface DefaultExecutorDeps {
  config: RootConfigService;
  logger: LoggerService;
  catalog: CatalogService;
  auth: AuthService;
  /** The configured environments' providers, validated by the environment phase. */
  providers: CloudProviderLookup;
  /** Where the environment phase keeps each environment's last validation. */
  recorder: EnvironmentValidationRecorder;
  /** Monitoring configurations of the support phase. */
  executionStore: ExecutionStore;
  /** The migration's state and artifacts, for the report. */
  access: MigrationAccess;
  /** What the installed clouds can do: object storage, image copies, server migration, DNS. */
  capabilities: CloudCapabilityLookup;
  /**
   * The assessment's settings and tables (with the stored price catalogs); built from config on
   * first use when not given.
   */
  assessContext?: () => AssessContext;
  /** Where the plan phase records the migration's resolved resources and their waves. */
  resourceIndex?: MigrationResourceIndex;
}

/**
 * The executors of all nine phases, in the order their tasks are planned within a phase. This
 * is the one place that lists them; modules add or replace executors through
 * `migrationExecutorsExtensionPoint`. Tables, price catalogs and the advisor load on first use,
 * so a bad catalog file fails the task with its message rather than the backend's start.
 *
 * @public
 */
export function createDefaultExecutors(
  deps: DefaultExecutorDeps,
): MigrationExecutor[] {
  const { config, logger, catalog, auth } = deps;
  const execution = readExecutionConfig(config);
  const serverMoves = readServerMoveSettings(config);
  let assessContext: AssessContext | undefined;
  const context =
    deps.assessContext ??
    (() => (assessContext ??= createAssessContext(config)));
  return [
    createEnvironmentExecutor(deps),

    createPlanSnapshotExecutor({
      catalog,
      auth,
      resourceIndex: deps.resourceIndex,
    }),
    createPlanAssessmentExecutor({
      context,
      dependsOn: [TASK_TYPES.planSnapshotEntities],
      logger,
      resourceIndex: deps.resourceIndex,
    }),

    createSpecifySummaryExecutor(),
    createSpecifyAssessmentExecutor({
      context,
      advisor: () => createAdvisorFromConfig(config),
      logger,
    }),

    createTestReadinessExecutor(),
    createIacTestExecutor({
      settings: readIacSettings(config),
      logger,
      targetDetails: iacTargetDetails(config),
      lookupResources: createCatalogResourceLookup({ catalog, auth }),
      capabilities: deps.capabilities,
      // The types the sizing may pick, fetched prices included.
      instanceTypes: createPricedInstanceTypeCatalog(() => context().catalogs),
    }),
    createTerraformPlanExecutor({
      config: execution,
      after: [TASK_TYPES.testGenerateIac],
    }),

    createBuildExecutor({ config: execution }),
    createTransferExecutor({
      config: execution,
      capabilities: deps.capabilities,
      settings: serverMoves,
    }),
    createValidateExecutor({
      config: execution,
      capabilities: deps.capabilities,
      settings: serverMoves,
    }),
    createOptimizeExecutor({ config: execution }),
    createSupportExecutor({ store: deps.executionStore }),
    createReportExecutor({ access: deps.access }),
  ];
}
