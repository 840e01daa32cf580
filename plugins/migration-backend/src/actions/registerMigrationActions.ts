import type {
  AuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_STATUSES,
  migrationCreatePermission,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import {
  actorFromCredentials,
  authorizeCredentials,
} from '../service/authorize';
import type { MigrationService } from '../service/MigrationService';
import {
  createMigrationSchema,
  listMigrationsQuerySchema,
  parseInput,
} from '../service/validation';

function json<T>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value));
}

/**
 * Registers `migration:list`, `migration:get-status` and `migration:request-migration` with the actions
 * registry (and so with the MCP endpoint). Each authorizes with the caller's own credentials.
 *
 * @public
 */
export function registerMigrationActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: MigrationService;
  permissions: PermissionsService;
  auth: AuthService;
}) {
  const { actionsRegistry, service, permissions, auth } = options;

  actionsRegistry.register({
    name: 'list',
    title: 'List migrations',
    description:
      'Lists cloud migrations, newest first, optionally filtered by status, owner entity ref, or the entity ref of a resource being migrated.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          status: z
            .array(z.enum(MIGRATION_STATUSES))
            .optional()
            .describe('Only migrations in these statuses'),
          owner: z
            .string()
            .optional()
            .describe('Owner entity ref, e.g. group:default/team-webshop'),
          entityRef: z
            .string()
            .optional()
            .describe('Only migrations that include this catalog entity'),
          limit: z.number().int().min(1).max(100).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.object({}).passthrough()),
          totalCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      const query = parseInput(listMigrationsQuerySchema, {
        ...input,
        limit: input.limit ?? 20,
      });
      const result = await service.list(query);
      return {
        output: {
          items: result.items.map(json),
          totalCount: result.totalCount,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-status',
    title: 'Get migration status',
    description:
      'Returns a migration with its nine phases (environment, plan, specify, test, build, transfer, validate, optimize, support), their tasks and approvals, and its artifacts.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          migrationId: z.string().min(1).describe('The migration id'),
        }),
      output: z =>
        z.object({
          migration: z.object({}).passthrough(),
          phases: z.array(z.object({}).passthrough()),
          artifacts: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeCredentials({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      const status = await service.status(input.migrationId);
      return {
        output: {
          migration: json(status.migration),
          phases: status.phases.map(json),
          artifacts: status.artifacts.map(json),
        },
      };
    },
  });

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
            provider: z.enum(['aws', 'azure', 'gcp']),
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
