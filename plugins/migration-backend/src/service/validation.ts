import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  MIGRATION_STATUSES,
  migrationOptionsSchema,
  migrationTargetSchema,
} from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';

/*
 * The zod schemas of what the actions registry takes (`migration:request-migration`,
 * `migration:list`). The REST API validates its requests against openapi.yaml and passes them
 * through these only to trim them and to normalise their entity refs.
 */

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

const idSchema = z.string().trim().min(1).max(255);

/** A migration request (`POST /migrations`, `migration:request-migration`). */
export const createMigrationSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    sourceEnvironmentId: idSchema,
    target: migrationTargetSchema,
    entityRefs: z.array(entityRefSchema).min(1).max(5000),
    owner: entityRefSchema.optional(),
    options: migrationOptionsSchema.optional(),
    policyAcknowledged: z.boolean().optional(),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

/** A validated migration request. */
export type CreateMigrationInput = z.infer<typeof createMigrationSchema>;

const csvOrArray = z.union([z.string(), z.array(z.string())]).transform(value =>
  (Array.isArray(value) ? value : [value])
    .flatMap(v => v.split(','))
    .map(v => v.trim())
    .filter(Boolean),
);

/** Most entity refs one `GET /migrations` may filter by. */
const MAX_ENTITY_REFS_PER_QUERY = 100;

/** A migration query (`GET /migrations`, `migration:list`). */
export const listMigrationsQuerySchema = z.object({
  status: csvOrArray.pipe(z.array(z.enum(MIGRATION_STATUSES))).optional(),
  owner: z.string().trim().min(1).max(255).optional(),
  entityRef: csvOrArray
    .pipe(z.array(entityRefSchema).min(1).max(MAX_ENTITY_REFS_PER_QUERY))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
