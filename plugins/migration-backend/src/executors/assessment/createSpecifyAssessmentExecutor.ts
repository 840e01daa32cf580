import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { JsonObject } from '@backstage/types';
import type {
  Assessment,
  AssessmentAdvisor,
} from '@sirsi-nexus/plugin-migration-common';
import {
  assess,
  runAdvisor,
  type AssessContext,
  type Advisor,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { readSelectedResources } from './readSelectedResources';
import {
  ASSESSMENT_ARTIFACT,
  ASSESSMENT_REPORT_ARTIFACT,
  assessmentFailure,
  storeAssessment,
} from './storeAssessment';

/** Task type (and key) of the specify-phase assessment. */
export const SPECIFY_ASSESSMENT_TASK = 'specify.assess';

/**
 * What the specify-phase assessment needs.
 *
 * @public
 */
export interface SpecifyAssessmentExecutorDeps {
  context: AssessContext | (() => AssessContext);
  /** The advisor from `migration.ai` (`createAdvisorFromConfig`); rules only without one. */
  advisor?: Advisor | (() => Advisor);
  logger?: LoggerService;
}

/**
 * `specify`: sizing, cost and schedule. Re-assesses the snapshot with rightsizing, disk mapping,
 * monthly cost (on-demand and commitments) and the maintenance-window schedule, asks the advisor
 * for notes (once: the answer is checkpointed, so a retry does not pay for tokens again), and
 * replaces `assessment.json` (stage `specify`) and `assessment.md`.
 *
 * @public
 */
export function createSpecifyAssessmentExecutor(
  deps: SpecifyAssessmentExecutorDeps,
): MigrationExecutor {
  let context: AssessContext | undefined;
  let advisor: Advisor | undefined;
  const getContext = () =>
    (context ??=
      typeof deps.context === 'function' ? deps.context() : deps.context);
  const getAdvisor = () =>
    (advisor ??=
      typeof deps.advisor === 'function' ? deps.advisor() : deps.advisor);
  return {
    phase: 'specify',
    taskType: SPECIFY_ASSESSMENT_TASK,
    plan: () => [
      {
        key: SPECIFY_ASSESSMENT_TASK,
        title: 'Size, cost and schedule the waves',
      },
    ],
    async run(ctx) {
      const { resources, entityRefs, warnings } = await readSelectedResources(
        ctx.artifacts,
      );
      const planned = await ctx.artifacts.getJson<Assessment>(
        ASSESSMENT_ARTIFACT,
      );
      await ctx.progress(0.1, `Sizing ${resources.length} resources`);
      const assessedAt = await ctx.checkpoint({
        key: 'assessed-at',
        fn: () => new Date().toISOString(),
      });
      let assessment: Assessment;
      try {
        assessment = assess(
          {
            resources,
            entityRefs,
            target: ctx.migration.target,
            options: ctx.migration.options,
            migrationId: ctx.migration.id,
            sourceEnvironmentId: ctx.migration.sourceEnvironmentId,
            stage: 'specify',
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
      if (
        planned?.waves &&
        JSON.stringify(planned.waves.map(w => w.members)) !==
          JSON.stringify(assessment.waves.map(w => w.members))
      ) {
        assessment.warnings.push(
          'The waves differ from the plan phase (the catalog snapshot or the settings changed); the waves here supersede them.',
        );
      }

      const chosen = getAdvisor();
      if (chosen && chosen.provider !== 'none') {
        await ctx.progress(
          0.6,
          `Asking the ${chosen.provider} advisor for notes`,
        );
      }
      const notes = await ctx.checkpoint({
        key: 'advisor',
        fn: async () =>
          JSON.parse(
            JSON.stringify(
              chosen
                ? await runAdvisor(assessment, chosen, {
                    signal: ctx.signal,
                    logger: deps.logger ?? ctx.logger,
                  })
                : assessment.advisor,
            ),
          ) as JsonObject,
      });
      assessment.advisor = notes as unknown as AssessmentAdvisor;

      await storeAssessment(ctx, assessment);
      return {
        artifact: ASSESSMENT_ARTIFACT,
        report: ASSESSMENT_REPORT_ARTIFACT,
        waves: assessment.waves.length,
        currency: assessment.cost?.currency ?? 'USD',
        monthlyOnDemand: assessment.cost?.total.onDemand ?? 0,
        monthlyCommit3y: assessment.cost?.total.commit3y ?? 0,
        scheduled:
          assessment.schedule?.entries.filter(e => e.status === 'scheduled')
            .length ?? 0,
        advisor: assessment.advisor.status,
      };
    },
  };
}
