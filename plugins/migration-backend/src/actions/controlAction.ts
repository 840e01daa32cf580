import { migrationExecutePermission } from '@sirsi-nexus/plugin-migration-common';
import { actorFromCredentials, authorizeMigration } from '../service/authorize';
import type { MigrationActionDeps } from './actionDeps';

/** A control of a running migration, as `POST /migrations/{id}/<control>` offers it. */
export interface ControlActionSpec {
  control: 'pause' | 'resume' | 'cancel';
  title: string;
  description: string;
  attributes: { readOnly: false; idempotent: boolean; destructive: boolean };
}

/**
 * Registers `migration:<control>`: the same permission (`migration.execute` on the migration, so
 * the policy's conditions apply), service call and
 * audit trail entry (the reason included, the caller as actor) as the REST route.
 */
export function registerControlAction(
  { actionsRegistry, service, permissions, auth }: MigrationActionDeps,
  spec: ControlActionSpec,
) {
  actionsRegistry.register({
    name: spec.control,
    title: spec.title,
    description: spec.description,
    attributes: spec.attributes,
    schema: {
      input: z =>
        z.object({
          migrationId: z.string().min(1).describe('The migration id'),
          reason: z
            .string()
            .max(1000)
            .optional()
            .describe('Why, for the audit trail'),
        }),
      output: z =>
        z.object({
          migrationId: z.string(),
          status: z.string(),
          pausing: z.boolean().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeMigration({
        credentials,
        permission: migrationExecutePermission,
        migrationId: input.migrationId,
        permissions,
      });
      const migration = await service[spec.control](
        input.migrationId,
        actorFromCredentials(auth, credentials),
        input.reason?.trim() || undefined,
      );
      return {
        output: {
          migrationId: migration.id,
          status: migration.status,
          ...(migration.pausing ? { pausing: true } : {}),
        },
      };
    },
  });
}
