import {
  MIGRATION_STATUSES,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import { authorizeMigrationList } from '../service/authorize';
import { listMigrationsQuerySchema, parseInput } from '../service/validation';
import { json, type MigrationActionDeps } from './actionDeps';

/** `migration:list`: migrations, newest first, filtered like `GET /migrations`. */
export function registerListMigrationsAction({
  actionsRegistry,
  service,
  permissions,
}: MigrationActionDeps) {
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
            .describe(
              'Only migrations that touch this catalog entity: itself, through its System or Group, or (for a System or Group) one of its parts',
            ),
          limit: z.number().int().min(1).max(100).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(z.object({}).passthrough()),
          totalCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      // As GET /migrations: a conditional decision narrows the list.
      const where = await authorizeMigrationList({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      const query = parseInput(listMigrationsQuerySchema, {
        ...input,
        limit: input.limit ?? 20,
      });
      const result = await service.list(query, where);
      return {
        output: {
          items: result.items.map(json),
          totalCount: result.totalCount,
        },
      };
    },
  });
}
