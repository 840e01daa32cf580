import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '../catalog';

/**
 * Reads the discovered resources back from catalog entities (as stored in the plan phase's
 * `plan-entities.json`, or fetched for `POST /analyze`).
 *
 * @param options.requestedRefs - the refs that were asked for; any without an entity is reported.
 * @throws InputError naming every bad ref at once: refs without an entity, and entities that were
 *   not created by SirsiNexus discovery.
 * @public
 */
export function resourcesFromEntities(
  entities: readonly Entity[],
  options: { requestedRefs?: readonly string[] } = {},
): { resources: DiscoveredResource[]; entityRefs: Record<string, string> } {
  const problems: string[] = [];
  const found = new Set<string>();
  const resources: DiscoveredResource[] = [];
  const entityRefs: Record<string, string> = {};
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    found.add(ref);
    try {
      const resource = entityToDiscoveredResource(entity);
      resources.push(resource);
      entityRefs[resource.externalId] = ref;
    } catch (error) {
      problems.push(`${ref}: ${(error as Error).message}`);
    }
  }
  for (const requested of options.requestedRefs ?? []) {
    let normalised: string;
    try {
      normalised = stringifyEntityRef(
        parseEntityRef(requested, { defaultKind: 'resource', defaultNamespace: 'default' }),
      );
    } catch {
      problems.push(`${requested}: not a valid entity ref`);
      continue;
    }
    if (!found.has(normalised)) problems.push(`${requested}: no such entity`);
  }
  if (problems.length > 0) {
    throw new InputError(
      `entityRefs: ${problems.length} bad selection(s): ${problems.join('; ')}`,
    );
  }
  return { resources, entityRefs };
}
