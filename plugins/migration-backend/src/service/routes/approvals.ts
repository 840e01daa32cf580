import {
  migrationApprovePermission,
  migrationReadPermission,
  type ListApprovalsResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { MigrationService } from '../MigrationService';

/** The approval gates: `POST /migrations/{id}/approvals/{phase}` and `GET /approvals`. */
export function registerApprovalRoutes(
  { router, operation }: RouteContext,
  service: MigrationService,
) {
  router.post(
    '/migrations/:id/approvals/:phase',
    operation(
      {
        permission: migrationApprovePermission,
        audit: { eventId: 'migration-approval', severityLevel: 'high' },
      },
      async (req, res, { actor }) => {
        const { decision, comment } = req.body;
        res.json(
          await service.decide(
            req.params.id,
            req.params.phase,
            { decision, comment: comment.trim() },
            actor,
          ),
        );
        return { decision };
      },
    ),
  );

  router.get(
    '/approvals',
    operation(
      { permission: migrationReadPermission },
      async (req, res, { migrationFilter }) => {
        const body: ListApprovalsResponse = {
          items: await service.listApprovals(
            req.query.status ?? 'pending',
            migrationFilter,
          ),
        };
        res.json(body);
      },
    ),
  );
}
