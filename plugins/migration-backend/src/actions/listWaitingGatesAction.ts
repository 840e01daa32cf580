import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  migrationApprovePermission,
  migrationReadPermission,
  type PendingApproval,
} from '@sirsi-nexus/plugin-migration-common';
import {
  actorFromCredentials,
  authorizeMigrationList,
} from '../service/authorize';
import type { MigrationAgentActionDeps } from './agentActionDeps';

/**
 * `migration:list-waiting-gates`: the approvals inbox (`GET /approvals`, with the caller's
 * `migration.read` conditions) narrowed to the gates the caller may decide — `migration.approve`
 * on each gate's migration, as `POST /migrations/{id}/approvals/{phase}` checks it, and with
 * separation of duties not the gates of migrations the caller requested. Deciding stays a human
 * act in the portal.
 */
export function registerListWaitingGatesAction({
  actionsRegistry,
  service,
  permissions,
  auth,
  separationOfDuties = true,
}: MigrationAgentActionDeps) {
  async function decidable(
    gates: PendingApproval[],
    credentials: BackstageCredentials,
  ): Promise<PendingApproval[]> {
    if (gates.length === 0) return [];
    const decisions = await permissions.authorize(
      gates.map(gate => ({
        permission: migrationApprovePermission,
        resourceRef: gate.migrationId,
      })),
      { credentials },
    );
    const actor = actorFromCredentials(auth, credentials);
    return gates.filter(
      (gate, i) =>
        decisions[i].result === AuthorizeResult.ALLOW &&
        (!separationOfDuties || gate.migration.requestedBy !== actor.ref),
    );
  }

  actionsRegistry.register({
    name: 'list-waiting-gates',
    title: 'List approval gates waiting for me',
    description:
      'Lists the approval gates (a phase of a migration waiting for a decision) that the caller may decide, oldest first, each with its migration and a link to it. Deciding is done by a person in the portal (the approvals inbox), not by this tool.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              migrationId: z.string(),
              title: z.string(),
              phase: z.string(),
              requestedAt: z.string(),
              requestedBy: z.string(),
              owner: z.string(),
              target: z.string(),
              link: z.string(),
            }),
          ),
        }),
    },
    action: async ({ credentials }) => {
      const visible = await authorizeMigrationList({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      const pending = await service.listApprovals('pending', visible);
      const items = (await decidable(pending, credentials)).map(gate => ({
        migrationId: gate.migrationId,
        title: gate.migration.title,
        phase: gate.phase,
        requestedAt: gate.requestedAt,
        requestedBy: gate.migration.requestedBy,
        owner: gate.migration.owner,
        target: `${gate.migration.target.provider} ${gate.migration.target.region}`,
        link: `/migrations/${encodeURIComponent(gate.migrationId)}`,
      }));
      return { output: { items } };
    },
  });
}
