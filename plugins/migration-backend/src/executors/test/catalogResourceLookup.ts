import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RESOURCE_ANNOTATIONS,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '@sirsi-nexus/plugin-migration-node';

/** Looks up discovered resources by external id. */
export type ResourceLookup = (
  externalIds: string[],
) => Promise<DiscoveredResource[]>;

const BATCH = 100;

/**
 * Finds the catalog entities of resources a selection depends on but did not select (the
 * subnets, networks and security groups of selected machines), by their
 * `sirsi-nexus.io/external-id` annotation, with the plugin's own credentials.
 */
export function createCatalogResourceLookup(deps: {
  catalog: CatalogService;
  auth: AuthService;
}): ResourceLookup {
  return async externalIds => {
    const found: DiscoveredResource[] = [];
    const credentials = await deps.auth.getOwnServiceCredentials();
    for (let i = 0; i < externalIds.length; i += BATCH) {
      const { items } = await deps.catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${RESOURCE_ANNOTATIONS.externalId}`]:
              externalIds.slice(i, i + BATCH),
          },
        },
        { credentials },
      );
      for (const entity of items) {
        try {
          found.push(entityToDiscoveredResource(entity));
        } catch {
          // Not made by discovery: nothing to carry over.
        }
      }
    }
    return found;
  };
}
