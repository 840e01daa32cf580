import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  createAdvisorFromConfig,
  createAssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { PLAN_SNAPSHOT_TASK } from '../builtin';
import { createPlanAssessmentExecutor } from './createPlanAssessmentExecutor';
import { createSpecifyAssessmentExecutor } from './createSpecifyAssessmentExecutor';

export {
  createPlanAssessmentExecutor,
  PLAN_ASSESSMENT_TASK,
  type PlanAssessmentExecutorDeps,
} from './createPlanAssessmentExecutor';
export {
  createSpecifyAssessmentExecutor,
  SPECIFY_ASSESSMENT_TASK,
  type SpecifyAssessmentExecutorDeps,
} from './createSpecifyAssessmentExecutor';
export {
  ASSESSMENT_ARTIFACT,
  ASSESSMENT_REPORT_ARTIFACT,
} from './storeAssessment';

/**
 * The plan and specify assessment executors, configured from `migration.assessment` and
 * `migration.ai`. Tables and the advisor load on first use, so a bad catalog file fails the task
 * with its message rather than the backend's start.
 *
 * @public
 */
export function createAssessmentExecutors(deps: {
  config: RootConfigService;
  logger: LoggerService;
}): MigrationExecutor[] {
  let context: ReturnType<typeof createAssessContext> | undefined;
  const getContext = () => (context ??= createAssessContext(deps.config));
  return [
    createPlanAssessmentExecutor({
      context: getContext,
      dependsOn: [PLAN_SNAPSHOT_TASK],
      logger: deps.logger,
    }),
    createSpecifyAssessmentExecutor({
      context: getContext,
      advisor: () => createAdvisorFromConfig(deps.config),
      logger: deps.logger,
    }),
  ];
}
