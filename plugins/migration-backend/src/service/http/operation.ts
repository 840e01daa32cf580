import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  isResourcePermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import { MIGRATION_RESOURCE_TYPE } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationRowFilter } from '../../database/MigrationStore';
import type { JsonObject } from '@backstage/types';
import type express from 'express';
import {
  actorFromCredentials,
  authorizeCredentials,
  authorizeMigration,
  authorizeMigrationList,
} from '../authorize';
import type { Actor } from '../MigrationService';
import { throwValidationError } from './validationErrors';

/** What an operation demands of its caller and what it records. */
export interface OperationPolicy {
  /**
   * The permission the caller needs; without one, any authenticated caller may call. A
   * `migration` resource permission is authorized for the migration of the `:id` path
   * parameter; on a route without one, conditionally: the handler gets the filter of the
   * migrations the caller may see (`Caller.migrationFilter`).
   */
  permission?:
    | BasicPermission
    | ResourcePermission<typeof MIGRATION_RESOURCE_TYPE>;
  /**
   * Records every call with Backstage's auditor: created before any work (the auditor takes the
   * caller from the request), then `success` with the path parameters and what the handler
   * returned, or `fail` with the error — a refused permission or a bad input included.
   */
  audit?: {
    eventId: string;
    severityLevel: AuditorServiceEventSeverityLevel;
    actionType?: string;
  };
}

/** Who calls: the actor recorded in the audit trail and the credentials to act with. */
export interface Caller {
  actor: Actor;
  credentials: BackstageCredentials;
  /**
   * Set on routes without a migration id when the policy allowed the `migration` resource
   * permission only for some migrations: lists apply it.
   */
  migrationFilter?: MigrationRowFilter;
}

/**
 * Handles a validated request, typed by the spec. It may return details of what it did (ids,
 * counts — never request bodies or secrets) for the auditor's success event.
 *
 * The response is express's own: the domain types it sends are interfaces, which the spec's
 * inferred body types (open objects) do not accept; the generated client checks them instead.
 */
export type OperationHandler<Req> = (
  req: Req,
  res: express.Response,
  caller: Caller,
) => Promise<JsonObject | void>;

/** Wraps an operation's handler in the order every route keeps: 401, then 403, then 400. */
export type Operation = <Req, Res>(
  policy: OperationPolicy,
  handler: OperationHandler<Req>,
) => (req: Req, res: Res) => Promise<void>;

/**
 * Creates the wrapper of every route handler: it authenticates the request (401), authorizes the
 * operation's permission (403), throws what the request validator found (400), then runs the
 * handler — inside an auditor event when the operation is audited.
 */
export function createOperation(deps: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
}): Operation {
  const { httpAuth, auth, permissions, auditor } = deps;
  return (policy, handler) => async (typedReq, res) => {
    // The spec's request types do not fit express's (e.g. numeric query parameters).
    const req = typedReq as unknown as express.Request;
    const run = async () => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const migrationFilter = await authorizeOperation(
        policy.permission,
        req,
        credentials,
        permissions,
      );
      throwValidationError(req);
      const actor = actorFromCredentials(auth, credentials);
      return handler(typedReq, res as unknown as express.Response, {
        actor,
        credentials,
        migrationFilter,
      });
    };
    if (!policy.audit) {
      await run();
      return;
    }
    const { actionType, ...event } = policy.audit;
    const meta: JsonObject = { ...req.params };
    if (actionType) meta.actionType = actionType;
    const audit = await auditor.createEvent({ ...event, request: req, meta });
    try {
      const details = await run();
      await audit.success({ meta: { ...meta, ...details } });
    } catch (error) {
      await audit.fail({ meta, error: error as Error });
      throw error;
    }
  };
}

/** Authorizes an operation's permission (see {@link OperationPolicy.permission}). */
async function authorizeOperation(
  permission: OperationPolicy['permission'],
  req: express.Request,
  credentials: BackstageCredentials,
  permissions: PermissionsService,
): Promise<MigrationRowFilter | undefined> {
  if (!permission) return undefined;
  if (!isResourcePermission(permission, MIGRATION_RESOURCE_TYPE)) {
    await authorizeCredentials({ credentials, permission, permissions });
    return undefined;
  }
  const migrationId = req.params.id;
  if (migrationId) {
    await authorizeMigration({
      credentials,
      permission,
      migrationId,
      permissions,
    });
    return undefined;
  }
  return authorizeMigrationList({ credentials, permission, permissions });
}
