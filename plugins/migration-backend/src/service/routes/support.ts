import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  migrationExecutePermission,
  migrationReadPermission,
  type AlertIngestResult,
  type MonitoringResponse,
} from '@sirsi-nexus/plugin-migration-common';
import { parseAlertmanagerWebhook } from '@sirsi-nexus/plugin-migration-iac-node';
import { readMigrationResources } from '@sirsi-nexus/plugin-migration-node';
import { configureSupport, supportArtifacts } from '../../executors';
import { createAlertLinker } from '../execution/alertResources';
import type { RouteContext } from '../http/apiRouter';
import { notifyAlerts } from './alertNotifications';
import type { ExecutionRouteOptions } from './execution';

/** What the monitoring routes need. */
export interface SupportRouteOptions extends ExecutionRouteOptions {
  logger: LoggerService;
}

/**
 * Records an Alertmanager webhook's alerts (version 4, checked by the parser), each linked by its
 * instance to the resources the plan phase captured (none before it ran), and notifies the owners
 * of the changed ones.
 */
async function ingestAlerts(
  options: SupportRouteOptions,
  migrationId: string,
  payloadBody: unknown,
): Promise<AlertIngestResult> {
  const { access, store } = options;
  const payload = parseAlertmanagerWebhook(payloadBody);
  const { migration } = await access.getStatus(migrationId);
  const resources = await readMigrationResources(
    access.artifacts(migration.id),
    { optional: true },
  );
  const recorded = await store.recordAlerts(
    migration.id,
    payload.alerts,
    createAlertLinker(resources),
  );
  const changed = recorded.filter(r => r.changed).map(r => r.alert);
  return {
    received: payload.alerts.length,
    changed: changed.length,
    duplicates: recorded.length - changed.length,
    notified: await notifyAlerts({ ...options, migration, changed }),
  };
}

/**
 * Monitoring of a migrated estate: `POST /migrations/{id}/configure-support` (stores a
 * MonitoringConfig and generates it as code), `GET /migrations/{id}/monitoring` and
 * `POST /migrations/{id}/alerts` (Alertmanager's webhook; changed alerts notify the owners).
 */
export function registerSupportRoutes(
  { router, operation }: RouteContext,
  options: SupportRouteOptions,
) {
  const { access, store } = options;

  router.post(
    '/migrations/:id/configure-support',
    operation(
      {
        permission: migrationExecutePermission,
        audit: {
          eventId: 'migration-support-configure',
          severityLevel: 'medium',
        },
      },
      async (req, res, { actor }) => {
        const { migration } = await access.getStatus(req.params.id);
        // configureSupport checks the MonitoringConfig and merges it over the stored one.
        const support = await configureSupport({
          migration,
          body: req.body,
          store,
          actor: actor.ref,
        });
        for (const artifact of await supportArtifacts(support)) {
          await access.putArtifact(migration.id, artifact.name, artifact.data, {
            actor: actor.ref,
            mediaType: artifact.mediaType,
          });
        }
        res.json(support);
      },
    ),
  );

  router.get(
    '/migrations/:id/monitoring',
    operation({ permission: migrationReadPermission }, async (req, res) => {
      const { migration } = await access.getStatus(req.params.id);
      const body: MonitoringResponse = {
        support: await store.getSupport(migration.id),
        alerts: await store.listAlerts(migration.id),
      };
      res.json(body);
    }),
  );

  router.post(
    '/migrations/:id/alerts',
    operation(
      {
        permission: migrationExecutePermission,
        audit: { eventId: 'migration-alerts-ingest', severityLevel: 'low' },
      },
      async (req, res) => {
        const body = await ingestAlerts(options, req.params.id, req.body);
        res.json(body);
        return { ...body };
      },
    ),
  );
}
