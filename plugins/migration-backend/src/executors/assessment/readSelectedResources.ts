import type { Entity } from '@backstage/catalog-model';
import {
  PLAN_ENTITIES_ARTIFACT,
  type DiscoveredResource,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import { resourcesFromEntities } from '@sirsi-nexus/plugin-migration-assessment-node';
import { type ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import { PermanentTaskError } from '../../engine/TaskWorker';

/**
 * The discovered resources of a migration, read from the plan phase's `plan-entities.json`.
 * Systems are skipped (the snapshot already expanded them into their Resources); entities that
 * were not created by discovery are skipped and reported.
 *
 * @throws PermanentTaskError when the snapshot is missing or holds no discovered resource.
 */
export async function readSelectedResources(
  artifacts: ArtifactReader,
): Promise<{
  resources: DiscoveredResource[];
  entityRefs: Record<string, string>;
  warnings: string[];
}> {
  const plan = await artifacts.getJson<PlanEntitiesArtifact>(
    PLAN_ENTITIES_ARTIFACT,
  );
  if (!plan || !Array.isArray(plan.entities)) {
    throw new PermanentTaskError(
      `The ${PLAN_ENTITIES_ARTIFACT} artifact of the plan phase is missing; the catalog snapshot must run first`,
    );
  }
  const { resources, entityRefs, skipped } = resourcesFromEntities(
    plan.entities as unknown as Entity[],
    { strict: false },
  );
  if (resources.length === 0) {
    throw new PermanentTaskError(
      `None of the ${plan.entities.length} selected entities is a resource created by SirsiNexus discovery, so there is nothing to assess`,
    );
  }
  const warnings = skipped
    .filter(s => !s.reason.startsWith('a System'))
    .map(s => `Skipped ${s.ref}: ${s.reason}`);
  return { resources, entityRefs, warnings };
}
