import {
  migrationCreatePermission,
  migrationReadPermission,
  type ListEventsResponse,
  type ListMigrationsResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { MigrationService } from '../MigrationService';
import {
  createMigrationSchema,
  listMigrationsQuerySchema,
  parseInput,
} from '../validation';

/**
 * Creating and reading migrations: `POST /migrations`, `GET /migrations`,
 * `GET /migrations/{id}`, `/status` and `/events`.
 */
export function registerMigrationRoutes(
  { router, operation }: RouteContext,
  service: MigrationService,
) {
  const read = { permission: migrationReadPermission };

  router.post(
    '/migrations',
    operation(
      {
        permission: migrationCreatePermission,
        audit: { eventId: 'migration-create', severityLevel: 'medium' },
      },
      async (req, res, { actor }) => {
        // Valid by the spec; the schema trims it and normalises its entity refs.
        const input = parseInput(createMigrationSchema, req.body);
        const { migration, created } = await service.create(input, actor);
        res.status(created ? 201 : 200).json(migration);
        return { migrationId: migration.id, created };
      },
    ),
  );

  router.get(
    '/migrations',
    operation(read, async (req, res, { migrationFilter }) => {
      // Valid by the spec; the schema splits comma-separated refs and normalises them.
      const query = parseInput(listMigrationsQuerySchema, req.query, 'query');
      const body: ListMigrationsResponse = await service.list(
        query,
        migrationFilter,
      );
      res.json(body);
    }),
  );

  router.get(
    '/migrations/:id',
    operation(read, async (req, res) => {
      res.json(await service.get(req.params.id));
    }),
  );

  router.get(
    '/migrations/:id/status',
    operation(read, async (req, res) => {
      res.json(await service.status(req.params.id));
    }),
  );

  router.get(
    '/migrations/:id/events',
    operation(read, async (req, res) => {
      const { after, limit = 100 } = req.query;
      const body: ListEventsResponse = {
        items: await service.listEvents(req.params.id, { after, limit }),
      };
      res.json(body);
    }),
  );
}
