import {
  MIGRATION_ARTIFACTS,
  migrationExecutePermission,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { ExecutionStore } from '../../database/ExecutionStore';
import type { MigrationAccess } from '../../engine/createMigrationAccess';
import {
  optimizeMigration,
  reportMigration,
  validateMigration,
  type ExecutionConfig,
} from '../../executors';
import { asJson } from '../../executors/json';
import type { RouteContext } from '../http/apiRouter';

/** What the execution and monitoring routes need. */
export interface ExecutionRouteOptions {
  access: MigrationAccess;
  store: ExecutionStore;
  config: ExecutionConfig;
  notifications: NotificationService;
}

const execute = { permission: migrationExecutePermission };
const read = { permission: migrationReadPermission };

/**
 * The routes of the execution phases: `POST /migrations/{id}/validate` and `/optimize` (re-run
 * the analysis with the body's extra input and store its report, replacing the phase's) and
 * `GET /migrations/{id}/reports` (JSON, or Markdown with `?format=markdown`).
 */
export function registerExecutionRoutes(
  { router, operation }: RouteContext,
  { access, config }: ExecutionRouteOptions,
) {
  router.post(
    '/migrations/:id/validate',
    operation(
      {
        ...execute,
        audit: { eventId: 'migration-validate', severityLevel: 'medium' },
      },
      async (req, res, { actor }) => {
        const { migration } = await access.getStatus(req.params.id);
        const report = await validateMigration({
          migration,
          artifacts: access.artifacts(migration.id),
          config,
          extraEndpoints: req.body?.endpoints,
        });
        await access.putArtifact(
          migration.id,
          MIGRATION_ARTIFACTS.validation.name,
          asJson(report),
          {
            actor: actor.ref,
          },
        );
        res.json(report);
        return { status: report.status };
      },
    ),
  );

  router.post(
    '/migrations/:id/optimize',
    operation(
      {
        ...execute,
        audit: { eventId: 'migration-optimize', severityLevel: 'medium' },
      },
      async (req, res, { actor }) => {
        const { migration } = await access.getStatus(req.params.id);
        const report = await optimizeMigration({
          migration,
          artifacts: access.artifacts(migration.id),
          config,
          utilization: req.body?.utilization,
        });
        await access.putArtifact(
          migration.id,
          MIGRATION_ARTIFACTS.optimization.name,
          asJson(report),
          { actor: actor.ref },
        );
        res.json(report);
      },
    ),
  );

  router.get(
    '/migrations/:id/reports',
    operation(read, async (req, res) => {
      const result = await reportMigration(access, req.params.id);
      if (req.query.format === 'markdown') {
        res.type('text/markdown; charset=utf-8').send(result.markdown);
        return;
      }
      res.json(result);
    }),
  );
}
