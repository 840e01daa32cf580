import type { Config } from '@backstage/config';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { CreateMigrationRequest } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import {
  normaliseRefs,
  readSelection,
  sourceEnvironmentOf,
} from '../client/selection';
import { fields, type ActionContextOf } from './actionContext';
import { examples } from './create.examples';
import {
  optionsOf,
  pricingInput,
  riskToleranceInput,
  selectionInput,
  targetOf,
  windowInput,
} from './inputs';

const input = fields({
  title: z =>
    z.string().trim().min(1).max(200).describe('Title of the migration'),
  ...selectionInput,
  ...windowInput,
  ...pricingInput,
  owner: z =>
    z
      .string()
      .optional()
      .describe('Owner entity ref; defaults to the user running the template'),
  justification: z =>
    z.string().max(2000).optional().describe('Why the migration is requested'),
  riskTolerance: riskToleranceInput,
  rehearsal: z =>
    z
      .boolean()
      .optional()
      .describe('Run every phase up to the last irreversible call only'),
  policyAcknowledged: z =>
    z
      .boolean()
      .optional()
      .describe("The requester's acknowledgement of the migration policy"),
});

const output = fields({
  migrationId: z => z.string().describe('Id of the migration'),
  url: z => z.string().describe('Page of the migration in the portal'),
  status: z => z.string().describe('Status right after creation'),
  created: z =>
    z
      .boolean()
      .describe('False when a retry found the migration already created'),
});

type Context = ActionContextOf<typeof input, typeof output>;

type Deps = Parameters<typeof createCreateMigrationAction>[0];

/**
 * `migration:create`: creates and starts a migration through `POST /api/migration/migrations`
 * on behalf of the user running the template. Retrying the step returns the same migration (the
 * idempotency key comes from the task and step). In a dry run nothing is created.
 *
 * @public
 */
export function createCreateMigrationAction(deps: {
  client: MigrationApiClient;
  catalog: CatalogService;
  config: Config;
}) {
  return createTemplateAction({
    id: 'migration:create',
    description:
      'Creates and starts a migration of the given resources to a target cloud; outputs its id and page URL.',
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => createMigration(ctx, deps),
  });
}

/** The request the inputs stand for: the source environment is the selection's by default. */
async function requestOf(
  ctx: Context,
  catalog: CatalogService,
): Promise<CreateMigrationRequest> {
  const { input: given } = ctx;
  const entityRefs = normaliseRefs(given.entityRefs);
  const sourceEnvironmentId =
    given.sourceEnvironmentId ??
    sourceEnvironmentOf(
      await readSelection(
        catalog,
        await ctx.getInitiatorCredentials(),
        entityRefs,
      ),
    );
  return {
    title: given.title,
    sourceEnvironmentId,
    target: targetOf(given),
    entityRefs,
    ...(given.owner?.trim() ? { owner: given.owner.trim() } : {}),
    options: {
      ...optionsOf(given),
      ...(given.riskTolerance ? { riskTolerance: given.riskTolerance } : {}),
      ...(given.rehearsal !== undefined ? { rehearsal: given.rehearsal } : {}),
    },
    ...(given.policyAcknowledged !== undefined
      ? { policyAcknowledged: given.policyAcknowledged }
      : {}),
    idempotencyKey: `scaffolder:${ctx.task.id}:${
      ctx.step?.id ?? 'migration-create'
    }`,
  };
}

async function createMigration(ctx: Context, deps: Deps) {
  const appBaseUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
  const request = await requestOf(ctx, deps.catalog);
  if (ctx.isDryRun) {
    ctx.logger.info(
      `Dry run: would create "${request.title}" moving ${request.entityRefs.length} entities from ${request.sourceEnvironmentId} to ${request.target.provider} ${request.target.region}`,
    );
    ctx.output('migrationId', 'dry-run');
    ctx.output('url', `${appBaseUrl}/migrations`);
    ctx.output('status', 'draft');
    ctx.output('created', false);
    return;
  }
  const credentials = await ctx.getInitiatorCredentials();
  const result = await ctx.checkpoint({
    key: 'migration-create',
    fn: async () => {
      const { migration, created } = await deps.client.createMigration(
        credentials,
        request,
      );
      return { id: migration.id, status: migration.status, created };
    },
  });
  const url = `${appBaseUrl}/migrations/${encodeURIComponent(result.id)}`;
  ctx.logger.info(
    `${result.created ? 'Created' : 'Found the already created'} migration ${
      result.id
    } (${result.status}): ${url}`,
  );
  ctx.output('migrationId', result.id);
  ctx.output('url', url);
  ctx.output('status', result.status);
  ctx.output('created', result.created);
}
