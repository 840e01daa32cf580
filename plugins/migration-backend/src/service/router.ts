import type {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import {
  migrationApprovePermission,
  migrationCreatePermission,
  migrationExecutePermission,
  migrationReadPermission,
  type ListApprovalsResponse,
  type ListEventsResponse,
  type ListMigrationsResponse,
  type ListProvidersResponse,
} from '@sirsi-nexus/plugin-migration-common';
import express from 'express';
import Router from 'express-promise-router';
import { assertArtifactName } from '../engine/artifacts';
import { createRouteAuditor } from './auditedRoute';
import { authorizeRequest } from './authorize';
import type { Actor, MigrationService } from './MigrationService';
import {
  approvalDecisionSchema,
  controlRequestSchema,
  createMigrationSchema,
  listApprovalsQuerySchema,
  listEventsQuerySchema,
  listMigrationsQuerySchema,
  parseInput,
  phaseSchema,
} from './validation';

/** @internal */
export interface RouterOptions {
  service: MigrationService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}

const INLINE_MEDIA_TYPES = /^(application\/json|text\/plain|text\/markdown)/;

/**
 * The REST API under `/api/migration`, described in `src/schema/openapi.yaml`. Every route
 * authenticates, then authorizes its permission, then validates its input.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { service, httpAuth, auth, permissions } = options;
  const audited = createRouteAuditor(options.auditor);
  const router = Router();
  router.use(express.json({ limit: '5mb' }));

  const allow = (
    req: express.Request,
    permission: BasicPermission,
  ): Promise<Actor> =>
    authorizeRequest({ req, permission, httpAuth, auth, permissions });

  router.get('/health', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ status: 'ok' });
  });

  router.get('/providers', async (req, res) => {
    await allow(req, migrationReadPermission);
    const body: ListProvidersResponse = {
      items: await service.listProviders(),
    };
    res.json(body);
  });

  router.post(
    '/migrations',
    audited('migration-create', 'medium', async (req, res) => {
      const actor = await allow(req, migrationCreatePermission);
      const input = parseInput(createMigrationSchema, req.body);
      const { migration, created } = await service.create(input, actor);
      res.status(created ? 201 : 200).json(migration);
      return { migrationId: migration.id, created };
    }),
  );

  router.get('/migrations', async (req, res) => {
    await allow(req, migrationReadPermission);
    const query = parseInput(listMigrationsQuerySchema, req.query, 'query');
    const body: ListMigrationsResponse = await service.list(query);
    res.json(body);
  });

  router.get('/migrations/:id', async (req, res) => {
    await allow(req, migrationReadPermission);
    res.json(await service.get(req.params.id));
  });

  router.get('/migrations/:id/status', async (req, res) => {
    await allow(req, migrationReadPermission);
    res.json(await service.status(req.params.id));
  });

  for (const control of ['pause', 'resume', 'cancel', 'rollback'] as const) {
    router.post(
      `/migrations/:id/${control}`,
      audited(
        'migration-control',
        control === 'pause' || control === 'resume' ? 'medium' : 'high',
        async (req, res) => {
          const actor = await allow(req, migrationExecutePermission);
          const body = parseInput(controlRequestSchema, req.body ?? {});
          res.json(await service[control](req.params.id, actor, body.reason));
        },
        control,
      ),
    );
  }

  router.post(
    '/migrations/:id/tasks/:taskId/retry',
    audited('migration-task-retry', 'medium', async (req, res) => {
      const actor = await allow(req, migrationExecutePermission);
      res.json(
        await service.retryTask(req.params.id, req.params.taskId, actor),
      );
    }),
  );

  router.post(
    '/migrations/:id/approvals/:phase',
    audited('migration-approval', 'high', async (req, res) => {
      const actor = await allow(req, migrationApprovePermission);
      const phase = parseInput(phaseSchema, req.params.phase, 'phase');
      const decision = parseInput(approvalDecisionSchema, req.body);
      res.json(await service.decide(req.params.id, phase, decision, actor));
      return { decision: decision.decision };
    }),
  );

  router.get('/approvals', async (req, res) => {
    await allow(req, migrationReadPermission);
    const query = parseInput(listApprovalsQuerySchema, req.query, 'query');
    const body: ListApprovalsResponse = {
      items: await service.listApprovals(query.status),
    };
    res.json(body);
  });

  router.get('/migrations/:id/events', async (req, res) => {
    await allow(req, migrationReadPermission);
    const query = parseInput(listEventsQuerySchema, req.query, 'query');
    const body: ListEventsResponse = {
      items: await service.listEvents(req.params.id, query),
    };
    res.json(body);
  });

  router.get(
    '/migrations/:id/artifacts/:name',
    audited('migration-artifact-fetch', 'low', async (req, res) => {
      await allow(req, migrationReadPermission);
      assertArtifactName(req.params.name);
      const { summary, content } = await service.getArtifact(
        req.params.id,
        req.params.name,
      );
      res.setHeader('Content-Type', summary.mediaType);
      res.setHeader('Content-Length', String(content.length));
      res.setHeader('ETag', `"${summary.sha256}"`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      res.setHeader(
        'Content-Disposition',
        `${
          INLINE_MEDIA_TYPES.test(summary.mediaType) ? 'inline' : 'attachment'
        }; filename="${summary.name}"`,
      );
      res.end(content);
      return { sha256: summary.sha256 };
    }),
  );

  return router;
}
