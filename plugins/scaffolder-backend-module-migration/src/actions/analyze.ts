import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import { normaliseRefs } from '../client/selection';
import { examples } from './analyze.examples';
import {
  optionsOf,
  pricingInput,
  selectionInput,
  targetOf,
  windowInput,
} from './inputs';
import { previewMarkdown } from './previewMarkdown';

/**
 * `migration:analyze`: the preview assessment (waves, cost, risk, compliance) of a selection for
 * a target, from `POST /api/migration/analyze`. Nothing is created.
 *
 * @public
 */
export function createAnalyzeAction(deps: { client: MigrationApiClient }) {
  return createTemplateAction({
    id: 'migration:analyze',
    description:
      'Previews the assessment of resources for a target cloud: waves, monthly cost, risks and compliance. Creates nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        ...selectionInput,
        ...windowInput,
        ...pricingInput,
      },
      output: {
        resources: z => z.number().describe('Resources assessed'),
        waves: z => z.number().describe('Waves planned'),
        currency: z => z.string().optional(),
        monthlyCost: z =>
          z.number().optional().describe('Estimated monthly cost on demand'),
        monthlyCostCommit1y: z => z.number().optional(),
        monthlyCostCommit3y: z => z.number().optional(),
        riskScore: z => z.number().describe('Risk score 0-100'),
        riskLevel: z => z.string(),
        endOfLifeSystems: z => z.array(z.string()),
        compliance: z =>
          z.object({ pass: z.number(), warn: z.number(), fail: z.number() }),
        preview: z =>
          z.string().describe('Markdown preview for the output page'),
      },
    },
    async handler(ctx) {
      const request = {
        entityRefs: normaliseRefs(ctx.input.entityRefs),
        target: targetOf(ctx.input),
        ...(ctx.input.sourceEnvironmentId
          ? { sourceEnvironmentId: ctx.input.sourceEnvironmentId }
          : {}),
        options: optionsOf(ctx.input),
      };
      const summary = await ctx.checkpoint({
        key: 'migration-analyze',
        fn: async () => {
          const assessment = await deps.client.analyze(
            await ctx.getInitiatorCredentials(),
            request,
          );
          return {
            resources: assessment.summary.resources,
            waves: assessment.summary.waves,
            ...(assessment.cost
              ? {
                  currency: assessment.cost.currency,
                  monthlyCost: round(assessment.cost.total.onDemand),
                  monthlyCostCommit1y: round(assessment.cost.total.commit1y),
                  monthlyCostCommit3y: round(assessment.cost.total.commit3y),
                }
              : {}),
            riskScore: assessment.risk.score,
            riskLevel: assessment.risk.level,
            endOfLifeSystems: assessment.summary.endOfLifeSystems,
            compliance: assessment.compliance.summary,
            preview: previewMarkdown(assessment),
          };
        },
      });
      ctx.logger.info(
        `Assessed ${summary.resources} resources in ${
          summary.waves
        } waves; risk ${summary.riskScore} (${summary.riskLevel})${
          summary.monthlyCost !== undefined
            ? `; about ${summary.monthlyCost} ${summary.currency} per month`
            : ''
        }`,
      );
      for (const [name, value] of Object.entries(summary)) {
        ctx.output(name as keyof typeof summary, value as never);
      }
    },
  });
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
