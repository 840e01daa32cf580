import {
  TARGET_PROVIDERS,
  migrationCreatePermission,
} from '@sirsi-nexus/plugin-migration-common';
import {
  actorFromCredentials,
  authorizeCredentials,
} from '../service/authorize';
import { createMigrationSchema, parseInput } from '../service/validation';
import type { MigrationActionDeps } from './actionDeps';

/** `migration:request-migration`: requests and starts a migration, like `POST /migrations`. */
export function registerRequestMigrationAction({
  actionsRegistry,
  service,
  permissions,
  auth,
}: MigrationActionDeps) {
  actionsRegistry.register({
    name: 'request-migration',
    title: 'Request a migration',
    description:
      'Requests and starts a migration of catalog entities from a configured source environment to a target cloud and region. It stops for approval at the gated phases. Set policyAcknowledged when the organisation requires it.',
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          title: z.string().describe('A short title'),
          sourceEnvironmentId: z
            .string()
            .describe('A configured environment id (see the providers list)'),
          target: z.object({
            provider: z.enum(TARGET_PROVIDERS),
            region: z.string(),
            environmentId: z.string().optional(),
          }),
          entityRefs: z
            .array(z.string())
            .describe('Catalog refs of the resources or systems to migrate'),
          owner: z.string().optional(),
          options: z.object({}).passthrough().optional(),
          policyAcknowledged: z.boolean().optional(),
          idempotencyKey: z.string().optional(),
        }),
      output: z =>
        z.object({
          migrationId: z.string(),
          status: z.string(),
          created: z.boolean(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials({
        credentials,
        permission: migrationCreatePermission,
        permissions,
      });
      const request = parseInput(createMigrationSchema, input);
      const { migration, created } = await service.create(
        request,
        actorFromCredentials(auth, credentials),
      );
      return {
        output: {
          migrationId: migration.id,
          status: migration.status,
          created,
        },
      };
    },
  });
}
