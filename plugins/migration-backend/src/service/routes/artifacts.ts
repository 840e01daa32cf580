import { migrationReadPermission } from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { MigrationService } from '../MigrationService';

const INLINE_MEDIA_TYPES = /^(application\/json|text\/plain|text\/markdown)/;

/**
 * `GET /migrations/{id}/artifacts/{name}`: the content as stored, with its media type and its
 * sha256 as the `ETag`; never sniffed, never run as a page.
 */
export function registerArtifactRoutes(
  { router, operation }: RouteContext,
  service: MigrationService,
) {
  router.get(
    '/migrations/:id/artifacts/:name',
    operation(
      {
        permission: migrationReadPermission,
        audit: { eventId: 'migration-artifact-fetch', severityLevel: 'low' },
      },
      async (req, res) => {
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
      },
    ),
  );
}
