import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '@sirsi-nexus/plugin-migration-node';

/**
 * Reads the discovered resources back from catalog entities (as stored in the plan phase's
 * `plan-entities.json`, or fetched for `POST /analyze`). System entities are containers: they are
 * skipped (the caller expands them into their resources).
 *
 * @param options.requestedRefs - the refs that were asked for; any without an entity is a problem.
 * @param options.strict - true (default): any problem throws one InputError naming every bad ref;
 *   false: bad entities are skipped and listed in `skipped`.
 * @public
 */
export function resourcesFromEntities(
  entities: ReadonlyArray<Entity | undefined>,
  options: { requestedRefs?: readonly string[]; strict?: boolean } = {},
): {
  resources: DiscoveredResource[];
  entityRefs: Record<string, string>;
  skipped: Array<{ ref: string; reason: string }>;
} {
  const strict = options.strict ?? true;
  const problems: Array<{ ref: string; reason: string }> = [];
  const skipped: Array<{ ref: string; reason: string }> = [];
  const found = new Set<string>();
  const resources: DiscoveredResource[] = [];
  const entityRefs: Record<string, string> = {};
  for (const entity of entities) {
    if (!entity) continue;
    const ref = stringifyEntityRef(entity);
    found.add(ref);
    if (entity.kind.toLowerCase() === 'system') {
      skipped.push({
        ref,
        reason: 'a System: its resources are assessed instead',
      });
      continue;
    }
    try {
      const resource = entityToDiscoveredResource(entity);
      resources.push(resource);
      entityRefs[resource.externalId] = ref;
    } catch (error) {
      problems.push({ ref, reason: (error as Error).message });
    }
  }
  for (const requested of options.requestedRefs ?? []) {
    let normalised: string;
    try {
      normalised = stringifyEntityRef(
        parseEntityRef(requested, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      problems.push({ ref: requested, reason: 'not a valid entity ref' });
      continue;
    }
    if (!found.has(normalised)) {
      problems.push({ ref: requested, reason: 'no such entity' });
    }
  }
  if (problems.length > 0 && strict) {
    throw new InputError(
      `entityRefs: ${problems.length} bad selection(s): ${problems
        .map(p => `${p.ref}: ${p.reason}`)
        .join('; ')}`,
    );
  }
  return { resources, entityRefs, skipped: [...skipped, ...problems] };
}
