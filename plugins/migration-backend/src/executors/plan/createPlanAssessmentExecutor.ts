import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AssessContext } from '@sirsi-nexus/plugin-migration-assessment-node';
import { TASK_TYPES } from '@sirsi-nexus/plugin-migration-common';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import {
  ASSESSMENT_OUTPUT,
  lazily,
  runAssessment,
  storeAssessment,
  type Lazy,
} from './assessmentTask';
import type { MigrationResourceIndex } from './resourceIndex';

/**
 * What the plan-phase assessment needs.
 *
 * @public
 */
export interface PlanAssessmentExecutorDeps {
  /** Settings and tables, e.g. `createAssessContext(config)`; loaded lazily on first use when a function. */
  context: Lazy<AssessContext>;
  /** Task keys of the plan phase that must finish first: the catalog snapshot. */
  dependsOn: string[];
  logger?: LoggerService;
  /** Where each resource's planned wave is recorded. */
  resourceIndex?: Pick<MigrationResourceIndex, 'setMigrationResourceWaves'>;
}

/**
 * `plan`: dependency mapping and risk. Reads the catalog snapshot (`plan-entities.json`), works out
 * move groups, waves, shared services, risks, 7R strategy and compliance, and stores
 * `assessment.json` (stage `plan`) and `assessment.md`.
 *
 * @public
 */
export function createPlanAssessmentExecutor(
  deps: PlanAssessmentExecutorDeps,
): MigrationExecutor {
  const context = lazily(deps.context);
  return {
    phase: 'plan',
    taskType: TASK_TYPES.planAssess,
    plan: () => [
      {
        key: TASK_TYPES.planAssess,
        title: 'Map dependencies, waves, risks and strategy',
        dependsOn: deps.dependsOn,
      },
    ],
    async run(ctx) {
      const assessment = await runAssessment(ctx, {
        stage: 'plan',
        context,
        progress: n => ctx.progress(0.2, `Assessing ${n} resources`),
      });
      await ctx.progress(0.8, `${assessment.waves.length} waves planned`);
      await storeAssessment(ctx, assessment, deps.resourceIndex);
      (deps.logger ?? ctx.logger).info(
        `Migration ${ctx.migration.id}: planned ${assessment.summary.resources} resources in ${assessment.waves.length} waves, risk ${assessment.risk.score}`,
      );
      return {
        ...ASSESSMENT_OUTPUT,
        resources: assessment.summary.resources,
        waves: assessment.waves.length,
        moveGroups: assessment.summary.moveGroups,
        sharedServices: assessment.summary.sharedServices,
        endOfLifeSystems: assessment.summary.endOfLifeSystems.length,
        riskScore: assessment.risk.score,
        complianceFailures: assessment.compliance.summary.fail,
      };
    },
  };
}
