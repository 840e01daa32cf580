import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  migrationApprovePermission,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import {
  actorFromCredentials,
  authorizeCredentials,
} from '../service/authorize';
import type { MigrationAgentActionDeps } from './agentActionDeps';

/**
 * `migration:list-waiting-gates`: the approvals inbox (`GET /approvals`) narrowed to the gates the
 * caller may decide — none without `migration.approve`, and with separation of duties not the
 * gates of migrations the caller requested. Deciding stays a human act in the portal.
 */
export function registerListWaitingGatesAction({
  actionsRegistry,
  service,
  permissions,
  auth,
  separationOfDuties = true,
}: MigrationAgentActionDeps) {
  async function mayApprove(credentials: BackstageCredentials) {
    const [decision] = await permissions.authorize(
      [{ permission: migrationApprovePermission }],
      { credentials },
    );
    return decision.result === AuthorizeResult.ALLOW;
  }

  actionsRegistry.register({
    name: 'list-waiting-gates',
    title: 'List approval gates waiting for me',
    description:
      'Lists the approval gates (a phase of a migration waiting for a decision) that the caller may decide, oldest first, each with its migration and a link to the approvals inbox. Deciding is done by a person in the portal, not by this tool.',
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
          mayApprove: z
            .boolean()
            .describe('False when the caller may decide no gate at all'),
        }),
    },
    action: async ({ credentials }) => {
      await authorizeCredentials({
        credentials,
        permission: migrationReadPermission,
        permissions,
      });
      if (!(await mayApprove(credentials))) {
        return { output: { items: [], mayApprove: false } };
      }
      const actor = actorFromCredentials(auth, credentials);
      const pending = await service.listApprovals('pending');
      const items = pending
        .filter(
          gate =>
            !separationOfDuties || gate.migration.requestedBy !== actor.ref,
        )
        .map(gate => ({
          migrationId: gate.migrationId,
          title: gate.migration.title,
          phase: gate.phase,
          requestedAt: gate.requestedAt,
          requestedBy: gate.migration.requestedBy,
          owner: gate.migration.owner,
          target: `${gate.migration.target.provider} ${gate.migration.target.region}`,
          link: `/migrations/${encodeURIComponent(gate.migrationId)}`,
        }));
      return { output: { items, mayApprove: true } };
    },
  });
}
