import {
  TARGET_PROVIDERS,
  migrationReadPermission,
  type AnalyzeRequest,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import { z as zod } from 'zod';
import { authorizeMigrationList } from '../service/authorize';
import { previewAssessment } from '../service/routes/analysis';
import { entityRefSchema, parseInput } from '../service/validation';
import { json } from './actionDeps';
import type { MigrationAgentActionDeps } from './agentActionDeps';

const MAX_WAVE_MEMBERS = 50;

/** What an agent needs of an assessment: the figures, the waves, what stands in the way. */
function summarize(assessment: Assessment) {
  return {
    summary: json(assessment.summary),
    waves: assessment.waves.map(wave => ({
      number: wave.number,
      resources: wave.members.length,
      members: wave.members.slice(0, MAX_WAVE_MEMBERS),
      dependsOnWaves: wave.dependsOnWaves,
      transferHours: wave.transferHours,
      cutoverMinutes: wave.cutoverMinutes,
    })),
    cost: assessment.cost ? json(assessment.cost) : undefined,
    risk: {
      score: assessment.risk.score,
      level: assessment.risk.level,
    },
    compliance: json(assessment.compliance.summary),
    failedComplianceChecks: assessment.compliance.checks
      .filter(c => c.status === 'fail')
      .map(c => ({ id: c.id, title: c.title, remediation: c.remediation })),
    warnings: assessment.warnings,
  };
}

/**
 * `migration:preview-assessment`: the assessment of a selection of catalog entities for a target,
 * nothing stored — the same analysis as `POST /analyze`, with the caller's catalog visibility.
 */
export function registerPreviewAssessmentAction({
  actionsRegistry,
  permissions,
  analysis,
}: MigrationAgentActionDeps) {
  actionsRegistry.register({
    name: 'preview-assessment',
    title: 'Preview a migration assessment',
    description:
      'Assesses a selection of catalog entities (Resources, or Systems and Groups that hold some) for a target cloud and region without creating a migration: resource count, waves and their members, monthly cost estimate, risk, compliance and warnings.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRefs: z
            .array(z.string())
            .min(1)
            .describe(
              'Catalog refs, e.g. resource:default/web-01 or system:default/webshop',
            ),
          target: z.object({
            provider: z.enum(TARGET_PROVIDERS),
            region: z.string().describe('Target region, e.g. eu-west-1'),
          }),
          sourceEnvironmentId: z.string().optional(),
          options: z
            .object({})
            .passthrough()
            .optional()
            .describe('Migration options, as for request-migration'),
        }),
      output: z =>
        z.object({
          summary: z.object({}).passthrough(),
          waves: z.array(z.object({}).passthrough()),
          cost: z.object({}).passthrough().optional(),
          risk: z.object({ score: z.number(), level: z.string() }),
          compliance: z.object({}).passthrough(),
          failedComplianceChecks: z.array(z.object({}).passthrough()),
          warnings: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      // As `POST /analyze`: about no migration, so `migration.read` granted at all (even only
      // for some migrations) lets the caller preview.
      await authorizeMigrationList({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      // The refs are normalised like a request's; analyzeSelection checks target and options.
      const { entityRefs } = parseInput(
        zod.object({ entityRefs: zod.array(entityRefSchema).min(1).max(5000) }),
        { entityRefs: input.entityRefs },
      );
      const assessment = await previewAssessment(analysis, {
        request: { ...input, entityRefs } as AnalyzeRequest,
        credentials,
      });
      return { output: summarize(assessment) };
    },
  });
}
