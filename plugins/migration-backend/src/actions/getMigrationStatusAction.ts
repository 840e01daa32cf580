import { migrationReadPermission } from '@sirsi-nexus/plugin-migration-common';
import { authorizeMigration } from '../service/authorize';
import { json, type MigrationActionDeps } from './actionDeps';

/** `migration:get-status`: a migration with its phases, tasks, approvals and artifacts. */
export function registerGetMigrationStatusAction({
  actionsRegistry,
  service,
  permissions,
}: MigrationActionDeps) {
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
      // As GET /migrations/{id}/status: authorized for this migration.
      await authorizeMigration({
        credentials,
        permission: migrationReadPermission,
        migrationId: input.migrationId,
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
}
