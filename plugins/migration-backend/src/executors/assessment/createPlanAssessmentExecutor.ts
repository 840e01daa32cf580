import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import {
  assess,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import {
  ASSESSMENT_ARTIFACT,
  ASSESSMENT_REPORT_ARTIFACT,
  storeAssessment,
  assessmentFailure,
} from './storeAssessment';
import { readSelectedResources } from './readSelectedResources';

/** Task type (and key) of the plan-phase assessment. */
export const PLAN_ASSESSMENT_TASK = 'plan.assess';

/**
 * What the plan-phase assessment needs.
 *
 * @public
 */
export interface PlanAssessmentExecutorDeps {
  /** Settings and tables, e.g. `createAssessContext(config)`; loaded lazily on first use when a function. */
  context: AssessContext | (() => AssessContext);
  /** Task keys of the plan phase that must finish first: the catalog snapshot. */
  dependsOn: string[];
  logger?: LoggerService;
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
  let context: AssessContext | undefined;
  const getContext = () =>
    (context ??=
      typeof deps.context === 'function' ? deps.context() : deps.context);
  return {
    phase: 'plan',
    taskType: PLAN_ASSESSMENT_TASK,
    plan: () => [
      {
        key: PLAN_ASSESSMENT_TASK,
        title: 'Map dependencies, waves, risks and strategy',
        dependsOn: deps.dependsOn,
      },
    ],
    async run(ctx) {
      const { resources, entityRefs, warnings } = await readSelectedResources(
        ctx.artifacts,
      );
      await ctx.progress(0.2, `Assessing ${resources.length} resources`);
      const assessedAt = await ctx.checkpoint({
        key: 'assessed-at',
        fn: () => new Date().toISOString(),
      });
      let assessment;
      try {
        assessment = assess(
          {
            resources,
            entityRefs,
            target: ctx.migration.target,
            options: ctx.migration.options,
            migrationId: ctx.migration.id,
            sourceEnvironmentId: ctx.migration.sourceEnvironmentId,
            stage: 'plan',
            now: new Date(assessedAt),
          },
          getContext(),
        );
      } catch (error) {
        throw assessmentFailure(
          isError(error) ? error : new Error(String(error)),
        );
      }
      assessment.warnings.push(...warnings);
      await ctx.progress(0.8, `${assessment.waves.length} waves planned`);
      await storeAssessment(ctx, assessment);
      (deps.logger ?? ctx.logger).info(
        `Migration ${ctx.migration.id}: planned ${assessment.summary.resources} resources in ${assessment.waves.length} waves, risk ${assessment.risk.score}`,
      );
      return {
        artifact: ASSESSMENT_ARTIFACT,
        report: ASSESSMENT_REPORT_ARTIFACT,
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
