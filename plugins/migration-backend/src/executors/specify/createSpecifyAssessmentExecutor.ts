import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type Assessment,
  type AssessmentAdvisor,
} from '@sirsi-nexus/plugin-migration-common';
import {
  runAdvisor,
  type Advisor,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import {
  ASSESSMENT_OUTPUT,
  lazily,
  runAssessment,
  storeAssessment,
  storeBusinessCase,
  type Lazy,
} from '../plan/assessmentTask';

/**
 * What the specify-phase assessment needs.
 *
 * @public
 */
export interface SpecifyAssessmentExecutorDeps {
  context: Lazy<AssessContext>;
  /** The advisor from `migration.ai` (`createAdvisorFromConfig`); rules only without one. */
  advisor?: Lazy<Advisor>;
  logger?: LoggerService;
}

/** Wave members as compared between the phases. */
const membersOf = (waves: ReadonlyArray<{ members: unknown }>) =>
  JSON.stringify(waves.map(w => w.members));

/**
 * The members of the waves the plan phase stored, read before the new assessment is made, so
 * the plan's 5,000-resource assessment and the new one are never in memory together.
 */
async function plannedWaveMembers(
  ctx: TaskContext,
): Promise<string | undefined> {
  // Only the waves are compared, so an assessment of an older schema must not stop the phase.
  const planned = await ctx.artifacts.getJson<Partial<Assessment>>(
    MIGRATION_ARTIFACTS.assessment.name,
  );
  return planned?.waves ? membersOf(planned.waves) : undefined;
}

/** Warns when the waves differ from those the plan phase stored. */
function compareWithPlan(planned: string | undefined, assessment: Assessment) {
  if (planned !== undefined && planned !== membersOf(assessment.waves)) {
    assessment.warnings.push(
      'The waves differ from the plan phase (the catalog snapshot or the settings changed); the waves here supersede them.',
    );
  }
}

/** The advisor's notes, asked once: the answer is checkpointed, so a retry pays no tokens again. */
async function adviseOnce(
  ctx: TaskContext,
  assessment: Assessment,
  advisor: Advisor | undefined,
  logger: LoggerService,
): Promise<AssessmentAdvisor> {
  if (advisor && advisor.provider !== 'none') {
    await ctx.progress(0.6, `Asking the ${advisor.provider} advisor for notes`);
  }
  const notes = await ctx.checkpoint({
    key: 'advisor',
    fn: async () =>
      JSON.parse(
        JSON.stringify(
          advisor
            ? await runAdvisor(assessment, advisor, {
                signal: ctx.signal,
                logger,
              })
            : assessment.advisor,
        ),
      ) as JsonObject,
  });
  return notes as unknown as AssessmentAdvisor;
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
  const context = lazily(deps.context);
  const advisor = deps.advisor ? lazily(deps.advisor) : () => undefined;
  return {
    phase: 'specify',
    taskType: TASK_TYPES.specifyAssess,
    plan: () => [
      {
        key: TASK_TYPES.specifyAssess,
        title: 'Size, cost and schedule the waves',
      },
    ],
    async run(ctx) {
      const planned = await plannedWaveMembers(ctx);
      const assessment = await runAssessment(ctx, {
        stage: 'specify',
        context,
        progress: n => ctx.progress(0.1, `Sizing ${n} resources`),
      });
      compareWithPlan(planned, assessment);
      assessment.advisor = await adviseOnce(
        ctx,
        assessment,
        advisor(),
        deps.logger ?? ctx.logger,
      );
      await storeAssessment(ctx, assessment);
      const businessCase = await storeBusinessCase(
        ctx,
        assessment,
        context().settings,
      );
      return {
        ...ASSESSMENT_OUTPUT,
        waves: assessment.waves.length,
        currency: assessment.cost?.currency ?? 'USD',
        monthlyOnDemand: assessment.cost?.total.onDemand ?? 0,
        monthlyCommit3y: assessment.cost?.total.commit3y ?? 0,
        scheduled:
          assessment.schedule?.entries.filter(e => e.status === 'scheduled')
            .length ?? 0,
        advisor: assessment.advisor.status,
        businessCase: businessCase?.status ?? 'none',
        breakEvenMonth: businessCase?.breakEven?.month ?? null,
      };
    },
  };
}
