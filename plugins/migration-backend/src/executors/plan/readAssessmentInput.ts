import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readMigrationResources,
  type ArtifactReader,
} from '@sirsi-nexus/plugin-migration-node';
import { CONTAINER_KINDS } from './readCatalogSelection';

/**
 * The discovered resources the assessment covers, from the plan phase's catalog snapshot.
 * Systems, Domains and Groups are skipped silently (the snapshot already expanded them);
 * entities that discovery did not create are skipped with a warning.
 *
 * @throws PermanentTaskError when the snapshot is missing or holds no discovered resource.
 */
export async function readAssessmentInput(artifacts: ArtifactReader): Promise<{
  resources: DiscoveredResource[];
  /** The entity ref of each resource, by external id. */
  entityRefs: Record<string, string>;
  warnings: string[];
}> {
  const captured = await readMigrationResources(artifacts);
  const resources: DiscoveredResource[] = [];
  const entityRefs: Record<string, string> = {};
  const warnings: string[] = [];
  for (const { entity, resource, notDiscovered } of captured) {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    if ((CONTAINER_KINDS as readonly string[]).includes(kind)) continue;
    const ref = stringifyEntityRef(entity as unknown as Entity);
    if (resource) {
      resources.push(resource);
      entityRefs[resource.externalId] = ref;
    } else {
      warnings.push(`Skipped ${ref}: ${notDiscovered}`);
    }
  }
  if (resources.length === 0) {
    throw new PermanentTaskError(
      `None of the ${captured.length} selected entities is a resource created by SirsiNexus discovery, so there is nothing to assess`,
    );
  }
  return { resources, entityRefs, warnings };
}
