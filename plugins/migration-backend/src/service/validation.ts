import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MIGRATION_PHASES,
  MIGRATION_STATUSES,
} from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';

/**
 * Parses `value` with `schema`; on failure throws an InputError that names every offending field,
 * e.g. `target.region: Too small: expected string to have >=1 characters`.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where?: string,
): T {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.slice(0, 10).map(issue => {
    const field = issue.path.map(String).join('.') || where || 'body';
    return `${field}: ${issue.message}`;
  });
  throw new InputError(problems.join('; '));
}

/** A full entity ref (`kind:namespace/name`, namespace optional), normalised. */
export const entityRefSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .transform((value, ctx) => {
    try {
      return stringifyEntityRef(parseEntityRef(value));
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `"${value}" is not an entity ref like resource:default/web-01`,
      });
      return z.NEVER;
    }
  });

const isoInterval = z
  .string()
  .trim()
  .max(100)
  .refine(value => {
    const [start, end, extra] = value.split('/');
    if (!start || !end || extra !== undefined) {
      return false;
    }
    const from = Date.parse(start);
    const to = Date.parse(end);
    return Number.isFinite(from) && Number.isFinite(to) && from < to;
  }, 'must be an ISO-8601 interval "start/end" with start before end');

const idSchema = z.string().trim().min(1).max(255);

/** Body of `POST /migrations`. */
export const createMigrationSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    sourceEnvironmentId: idSchema,
    target: z
      .object({
        provider: z.enum(['aws', 'azure', 'gcp']),
        region: z
          .string()
          .trim()
          .min(1)
          .max(64)
          .regex(/^[a-z0-9-]+$/i, 'must be a region name like eu-west-1'),
        environmentId: idSchema.optional(),
      })
      .strict(),
    entityRefs: z.array(entityRefSchema).min(1).max(5000),
    owner: entityRefSchema.optional(),
    options: z
      .object({
        complianceProfile: z.enum(['none', 'gdpr', 'soc2', 'hipaa']).optional(),
        maintenanceWindows: z.array(isoInterval).max(20).optional(),
        riskTolerance: z.enum(['low', 'medium', 'high']).optional(),
        rehearsal: z.boolean().optional(),
        justification: z.string().trim().max(2000).optional(),
      })
      .strict()
      .optional(),
    policyAcknowledged: z.boolean().optional(),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** A validated `POST /migrations` body. */
export type CreateMigrationInput = z.infer<typeof createMigrationSchema>;

const csvOrArray = z.union([z.string(), z.array(z.string())]).transform(value =>
  (Array.isArray(value) ? value : [value])
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean),
);

/** Most entity refs one `GET /migrations` may filter by. */
const MAX_ENTITY_REFS_PER_QUERY = 100;

/** Query of `GET /migrations`. */
export const listMigrationsQuerySchema = z.object({
  status: csvOrArray.pipe(z.array(z.enum(MIGRATION_STATUSES))).optional(),
  owner: z.string().trim().min(1).max(255).optional(),
  entityRef: csvOrArray
    .pipe(z.array(entityRefSchema).min(1).max(MAX_ENTITY_REFS_PER_QUERY))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Path parameter naming a phase. */
export const phaseSchema = z.enum(MIGRATION_PHASES);

/** Body of `POST /migrations/{id}/approvals/{phase}`. */
export const approvalDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    comment: z
      .string({ message: 'a comment is required' })
      .trim()
      .min(1, 'a comment is required')
      .max(4000),
  })
  .strict();

/** Optional body of pause/resume/cancel/rollback. */
export const controlRequestSchema = z
  .object({ reason: z.string().trim().max(2000).optional() })
  .strict();

/** Query of `GET /approvals`. */
export const listApprovalsQuerySchema = z.object({
  status: z.enum(['pending', 'approved', 'rejected']).default('pending'),
});

/** Query of `GET /migrations/{id}/events`. */
export const listEventsQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
