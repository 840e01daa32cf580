import { migrationExecutePermission } from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { MigrationService } from '../MigrationService';

const CONTROLS = ['pause', 'resume', 'cancel', 'rollback'] as const;

/**
 * The controls of a running migration: `POST /migrations/{id}/pause`, `/resume`, `/cancel`,
 * `/rollback` (the reason goes to the audit trail) and `/tasks/{taskId}/retry`.
 */
export function registerControlRoutes(
  { router, operation }: RouteContext,
  service: MigrationService,
) {
  for (const control of CONTROLS) {
    router.post(
      `/migrations/:id/${control}`,
      operation(
        {
          permission: migrationExecutePermission,
          audit: {
            eventId: 'migration-control',
            severityLevel:
              control === 'pause' || control === 'resume' ? 'medium' : 'high',
            actionType: control,
          },
        },
        async (req, res, { actor }) => {
          const reason = req.body?.reason?.trim() || undefined;
          res.json(await service[control](req.params.id, actor, reason));
        },
      ),
    );
  }

  router.post(
    '/migrations/:id/tasks/:taskId/retry',
    operation(
      {
        permission: migrationExecutePermission,
        audit: { eventId: 'migration-task-retry', severityLevel: 'medium' },
      },
      async (req, res, { actor }) => {
        res.json(
          await service.retryTask(req.params.id, req.params.taskId, actor),
        );
      },
    ),
  );
}
