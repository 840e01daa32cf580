import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  COMPLIANCE_PROFILES,
  RISK_TOLERANCES,
  TARGET_PROVIDERS,
  migrationOptionsSchema,
  type AnalyzeRequest,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';
import { runAdvisor } from '../advisor/annotateAssessment';
import type { Advisor } from '../advisor/types';
import { assess, type AssessContext } from './assess';
import { resourcesFromEntities } from './resourcesFromEntities';

const analyzeRequestSchema = z.object({
  entityRefs: z.array(z.string().min(1)).min(1).max(100_000),
  target: z.object({
    provider: z.enum(TARGET_PROVIDERS),
    region: z.string().min(1),
    environmentId: z.string().optional(),
  }),
  sourceEnvironmentId: z.string().optional(),
  options: z
    .object({
      complianceProfile: z.enum(COMPLIANCE_PROFILES).optional(),
      maintenanceWindows: z.array(z.string()).optional(),
      riskTolerance: z.enum(RISK_TOLERANCES).optional(),
      rehearsal: z.boolean().optional(),
      justification: z.string().optional(),
      // The pricing choices are checked as the contract checks them on POST /migrations.
      ...migrationOptionsSchema.pick({
        comfortFactor: true,
        commitmentTerm: true,
        commitmentType: true,
        hybridBenefit: true,
      }).shape,
    })
    .optional(),
});

/**
 * Validates the body of `POST /api/migration/analyze`.
 *
 * @throws InputError naming the first bad field.
 * @public
 */
export function parseAnalyzeRequest(body: unknown): AnalyzeRequest {
  const parsed = analyzeRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The preview behind `POST /api/migration/analyze`: assesses the selected entities for a target
 * without creating anything, with the advisor's notes when one is configured. The caller fetches
 * the entities (e.g. `catalog.getEntitiesByRefs`, holes for unknown refs) and may expand Systems
 * into their Resources.
 *
 * @throws InputError (→ 400) naming the bad refs or fields.
 * @public
 */
export async function analyzeSelection(options: {
  request: AnalyzeRequest;
  entities: ReadonlyArray<Entity | undefined>;
  context: AssessContext;
  advisor?: Advisor;
  signal?: AbortSignal;
  logger?: LoggerService;
  now?: Date;
}): Promise<Assessment> {
  const request = parseAnalyzeRequest(options.request);
  const { resources, entityRefs } = resourcesFromEntities(options.entities, {
    requestedRefs: request.entityRefs,
  });
  if (resources.length === 0) {
    throw new InputError(
      'entityRefs: the selection holds no discovered resources (select Resource entities or Systems that have some)',
    );
  }
  const assessment = assess(
    {
      resources,
      entityRefs,
      target: request.target,
      options: request.options,
      sourceEnvironmentId: request.sourceEnvironmentId,
      stage: 'preview',
      now: options.now,
    },
    options.context,
  );
  if (!options.advisor) return assessment;
  return {
    ...assessment,
    advisor: await runAdvisor(assessment, options.advisor, {
      signal: options.signal,
      logger: options.logger,
    }),
  };
}
