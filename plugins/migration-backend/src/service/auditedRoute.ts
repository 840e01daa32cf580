import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type express from 'express';

/**
 * A route handler whose work is recorded with Backstage's auditor. It may return details of what
 * it did (ids, counts — never request bodies or secrets) for the success event.
 */
export type AuditedHandler = (
  req: express.Request,
  res: express.Response,
) => Promise<JsonObject | void>;

/**
 * Wraps route handlers so each call is one auditor event: created before any work (the auditor
 * takes the caller from the request), then `success` with the route parameters and what the
 * handler returned, or `fail` with the error — a refused permission or a bad input included.
 *
 * @internal
 */
export function createRouteAuditor(auditor: AuditorService) {
  return (
      eventId: string,
      severityLevel: AuditorServiceEventSeverityLevel,
      handler: AuditedHandler,
      actionType?: string,
    ) =>
    async (req: express.Request, res: express.Response) => {
      const meta: JsonObject = { ...req.params };
      if (actionType) meta.actionType = actionType;
      const event = await auditor.createEvent({
        eventId,
        severityLevel,
        request: req,
        meta,
      });
      try {
        const details = await handler(req, res);
        await event.success({ meta: { ...meta, ...details } });
      } catch (error) {
        await event.fail({ meta, error: error as Error });
        throw error;
      }
    };
}
