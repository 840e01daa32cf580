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
import { examples } from './create.examples';
import { optionsOf, selectionInput, targetOf, windowInput } from './inputs';

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
  const appBaseUrl = deps.config.getOptionalString('app.baseUrl') ?? '';
  return createTemplateAction({
    id: 'migration:create',
    description:
      'Creates and starts a migration of the given resources to a target cloud; outputs its id and page URL.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        title: z =>
          z.string().trim().min(1).max(200).describe('Title of the migration'),
        ...selectionInput,
        ...windowInput,
        owner: z =>
          z
            .string()
            .optional()
            .describe(
              'Owner entity ref; defaults to the user running the template',
            ),
        justification: z =>
          z
            .string()
            .max(2000)
            .optional()
            .describe('Why the migration is requested'),
        riskTolerance: z => z.enum(['low', 'medium', 'high']).optional(),
        rehearsal: z =>
          z
            .boolean()
            .optional()
            .describe('Run every phase up to the last irreversible call only'),
        policyAcknowledged: z =>
          z
            .boolean()
            .optional()
            .describe(
              "The requester's acknowledgement of the migration policy",
            ),
      },
      output: {
        migrationId: z => z.string().describe('Id of the migration'),
        url: z => z.string().describe('Page of the migration in the portal'),
        status: z => z.string().describe('Status right after creation'),
        created: z =>
          z
            .boolean()
            .describe('False when a retry found the migration already created'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const entityRefs = normaliseRefs(ctx.input.entityRefs);
      const sourceEnvironmentId =
        ctx.input.sourceEnvironmentId ??
        sourceEnvironmentOf(
          await readSelection(deps.catalog, credentials, entityRefs),
        );
      const request: CreateMigrationRequest = {
        title: ctx.input.title,
        sourceEnvironmentId,
        target: targetOf(ctx.input),
        entityRefs,
        ...(ctx.input.owner?.trim() ? { owner: ctx.input.owner.trim() } : {}),
        options: {
          ...optionsOf(ctx.input),
          ...(ctx.input.riskTolerance
            ? { riskTolerance: ctx.input.riskTolerance }
            : {}),
          ...(ctx.input.rehearsal !== undefined
            ? { rehearsal: ctx.input.rehearsal }
            : {}),
        },
        ...(ctx.input.policyAcknowledged !== undefined
          ? { policyAcknowledged: ctx.input.policyAcknowledged }
          : {}),
        idempotencyKey: `scaffolder:${ctx.task.id}:${
          ctx.step?.id ?? 'migration-create'
        }`,
      };

      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create "${request.title}" moving ${entityRefs.length} entities from ${sourceEnvironmentId} to ${request.target.provider} ${request.target.region}`,
        );
        ctx.output('migrationId', 'dry-run');
        ctx.output('url', `${appBaseUrl}/migrations`);
        ctx.output('status', 'draft');
        ctx.output('created', false);
        return;
      }

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
        `${
          result.created ? 'Created' : 'Found the already created'
        } migration ${result.id} (${result.status}): ${url}`,
      );
      ctx.output('migrationId', result.id);
      ctx.output('url', url);
      ctx.output('status', result.status);
      ctx.output('created', result.created);
    },
  });
}
