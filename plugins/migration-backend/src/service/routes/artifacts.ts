import { migrationReadPermission } from '@sirsi-nexus/plugin-migration-common';
import type { RouteContext } from '../http/apiRouter';
import type { MigrationService } from '../MigrationService';
import { decodeStoredContent } from '../../database/knex/artifactEncoding';

const INLINE_MEDIA_TYPES = /^(application\/json|text\/plain|text\/markdown)/;

/**
 * `GET /migrations/{id}/artifacts/{name}`: the content as stored, with its media type and its
 * sha256 as the `ETag`; never sniffed, never run as a page. Content stored gzip-compressed goes
 * out as it is (`Content-Encoding: gzip`) to clients that accept gzip, decompressed to others;
 * the `ETag` is always the sha256 of the uncompressed content.
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
        const stored = await service.getStoredArtifact(
          req.params.id,
          req.params.name,
        );
        const { summary } = stored;
        const passOn =
          stored.encoding === 'identity' || req.acceptsEncodings('gzip');
        const content = passOn
          ? stored.content
          : await decodeStoredContent(stored.content, stored.encoding);
        if (passOn && stored.encoding === 'gzip') {
          res.setHeader('Content-Encoding', 'gzip');
        }
        res.setHeader('Vary', 'Accept-Encoding');
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
