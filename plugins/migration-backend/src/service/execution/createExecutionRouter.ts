import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  MIGRATION_ARTIFACTS,
  migrationExecutePermission,
  migrationReadPermission,
  type AlertIngestResult,
  type Migration,
  type MonitoringResponse,
  type ReceivedAlert,
} from '@sirsi-nexus/plugin-migration-common';
import { parseAlertmanagerWebhook } from '@sirsi-nexus/plugin-migration-iac-node';
import type { JsonObject } from '@backstage/types';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { createRouteAuditor } from '../auditedRoute';
import { authorizeRequest } from '../authorize';
import type { MigrationAccess } from '../../engine/createMigrationAccess';
import {
  configureSupport,
  optimizeMigration,
  reportMigration,
  supportArtifacts,
  validateMigration,
  type ExecutionConfig,
} from '../../executors';
import type { ExecutionStore } from '../../database/ExecutionStore';

/**
 * What the execution routes need.
 *
 * @public
 */
export interface ExecutionRouterOptions {
  access: MigrationAccess;
  store: ExecutionStore;
  config: ExecutionConfig;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  notifications: NotificationService;
  logger: LoggerService;
  auditor: AuditorService;
}

const endpointSchema = z
  .object({
    name: z.string().min(1).max(200),
    host: z.string().min(1).max(255),
    port: z.number().int().min(1).max(65535).optional(),
    url: z.string().url().optional(),
    tlsPort: z.number().int().min(1).max(65535).optional(),
    servername: z.string().max(255).optional(),
  })
  .strict();
const validateBodySchema = z
  .object({ endpoints: z.array(endpointSchema).max(100).optional() })
  .strict();
const utilizationSchema = z
  .object({
    cpuP95: z.number().min(0).max(100).optional(),
    memP95: z.number().min(0).max(100).optional(),
    iopsP95: z.number().min(0).optional(),
    networkMbpsP95: z.number().min(0).optional(),
  })
  .strict();
const optimizeBodySchema = z
  .object({ utilization: z.record(z.string(), utilizationSchema).optional() })
  .strict();

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
  }
  return result.data;
}

type NotificationSeverity = NonNullable<
  NotificationSendOptions['payload']['severity']
>;

const SEVERITY: Record<string, NotificationSeverity> = {
  critical: 'critical',
  error: 'high',
  warning: 'high',
  info: 'normal',
};

/** Who hears about a migration's alerts: its owner plus the `backstage` channels of its configuration. */
function recipientsOf(
  migration: Migration,
  channels: Array<{ type: string; target: string }>,
) {
  return [
    ...new Set([
      migration.owner,
      ...channels.filter(c => c.type === 'backstage').map(c => c.target),
    ]),
  ];
}

function notificationFor(migration: Migration, alert: ReceivedAlert) {
  const resolved = alert.status === 'resolved';
  const instance = alert.labels.instance ? ` on ${alert.labels.instance}` : '';
  return {
    title: `${resolved ? 'Resolved' : 'Firing'}: ${
      alert.alertname
    }${instance} (${migration.title})`,
    description:
      alert.summary ??
      alert.annotations.description ??
      `${alert.alertname} is ${alert.status}`,
    link: `/migrations/${encodeURIComponent(migration.id)}`,
    severity: resolved
      ? ('low' as const)
      : SEVERITY[alert.severity ?? ''] ?? 'normal',
    topic: `migration:${migration.id}`,
    // One notification per alert, updated in place when it resolves.
    scope: `migration-alert:${migration.id}:${alert.fingerprint}`,
  };
}

/**
 * The execution routes (mounted under `/api/migration` by the engine's router):
 * `POST /migrations/{id}/validate`, `/optimize`, `/configure-support`, `/alerts`,
 * `GET /migrations/{id}/monitoring` and `/reports`. Every route authenticates (401) and authorizes
 * (403) before it reads anything.
 *
 * @public
 */
export async function createExecutionRouter(
  options: ExecutionRouterOptions,
): Promise<express.Router> {
  const {
    access,
    store,
    config,
    httpAuth,
    auth,
    permissions,
    notifications,
    logger,
  } = options;
  const audited = createRouteAuditor(options.auditor);
  const router = Router();
  router.use(express.json({ limit: '2mb' }));
  const allow = (
    req: express.Request,
    permission: typeof migrationReadPermission,
  ) => authorizeRequest({ req, permission, httpAuth, auth, permissions });

  /**
   * `POST /migrations/{id}/<step>`: re-runs an analysis of the migration with the body's extra
   * input and stores its report as the step's artifact, replacing the phase's.
   */
  const rerunRoute = <B, R extends object>(route: {
    step: string;
    artifact: string;
    schema: z.ZodType<B>;
    run: (migration: Migration, body: B) => Promise<R>;
    details?: (report: R) => JsonObject;
  }) =>
    router.post(
      `/migrations/:id/${route.step}`,
      audited(`migration-${route.step}`, 'medium', async (req, res) => {
        const actor = await allow(req, migrationExecutePermission);
        const body = parse(route.schema, req.body);
        const { migration } = await access.getStatus(req.params.id);
        const report = await route.run(migration, body);
        await access.putArtifact(
          migration.id,
          route.artifact,
          JSON.parse(JSON.stringify(report)),
          { actor: actor.ref },
        );
        res.json(report);
        return route.details?.(report);
      }),
    );

  rerunRoute({
    step: 'validate',
    artifact: MIGRATION_ARTIFACTS.validation.name,
    schema: validateBodySchema,
    run: (migration, body) =>
      validateMigration({
        migration,
        artifacts: access.artifacts(migration.id),
        config,
        extraEndpoints: body.endpoints,
      }),
    details: report => ({ status: report.status }),
  });

  rerunRoute({
    step: 'optimize',
    artifact: MIGRATION_ARTIFACTS.optimization.name,
    schema: optimizeBodySchema,
    run: (migration, body) =>
      optimizeMigration({
        migration,
        artifacts: access.artifacts(migration.id),
        config,
        utilization: body.utilization,
      }),
  });

  router.post(
    '/migrations/:id/configure-support',
    audited('migration-support-configure', 'medium', async (req, res) => {
      const actor = await allow(req, migrationExecutePermission);
      const { migration } = await access.getStatus(req.params.id);
      const support = await configureSupport({
        migration,
        body: req.body,
        store,
        actor: actor.ref,
      });
      for (const artifact of supportArtifacts(support)) {
        await access.putArtifact(migration.id, artifact.name, artifact.data, {
          actor: actor.ref,
          mediaType: artifact.mediaType,
        });
      }
      res.json(support);
    }),
  );

  router.get('/migrations/:id/monitoring', async (req, res) => {
    await allow(req, migrationReadPermission);
    const { migration } = await access.getStatus(req.params.id);
    const body: MonitoringResponse = {
      support: await store.getSupport(migration.id),
      alerts: await store.listAlerts(migration.id),
    };
    res.json(body);
  });

  router.post(
    '/migrations/:id/alerts',
    audited('migration-alerts-ingest', 'low', async (req, res) => {
      await allow(req, migrationExecutePermission);
      const payload = parseAlertmanagerWebhook(req.body);
      const { migration } = await access.getStatus(req.params.id);
      const recorded = await store.recordAlerts(migration.id, payload.alerts);
      const changed = recorded.filter(r => r.changed);
      let notified = 0;
      if (changed.length) {
        const channels =
          (await store.getSupport(migration.id))?.config.channels ?? [];
        const recipients = recipientsOf(migration, channels);
        for (const { alert } of changed) {
          try {
            await notifications.send({
              recipients: { type: 'entity', entityRef: recipients },
              payload: notificationFor(migration, alert),
            });
            notified++;
          } catch (error) {
            // The alert is recorded; a failed notification must not make Alertmanager re-send it.
            logger.warn(
              `Could not notify about alert ${alert.fingerprint} of migration ${migration.id}: ${error}`,
            );
          }
        }
      }
      const body: AlertIngestResult = {
        received: payload.alerts.length,
        changed: changed.length,
        duplicates: recorded.length - changed.length,
        notified,
      };
      res.json(body);
      return { ...body };
    }),
  );

  router.get('/migrations/:id/reports', async (req, res) => {
    await allow(req, migrationReadPermission);
    const format = req.query.format;
    if (format !== undefined && format !== 'json' && format !== 'markdown') {
      throw new InputError(
        `format: must be json or markdown, not '${String(format)}'`,
      );
    }
    const result = await reportMigration(access, req.params.id);
    if (format === 'markdown') {
      res.type('text/markdown; charset=utf-8').send(result.markdown);
      return;
    }
    res.json(result);
  });

  return router;
}
