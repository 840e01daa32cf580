import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '@sirsi-nexus/plugin-migration-node';

/** Kinds that stand for the entities they contain. */
const CONTAINERS = new Set(['system', 'domain', 'group']);

/** A ref as the catalog spells it (kind `resource` and namespace `default` when left out). */
function normalisedRef(ref: string): string {
  return stringifyEntityRef(
    parseEntityRef(ref, {
      defaultKind: 'resource',
      defaultNamespace: 'default',
    }),
  );
}

/**
 * Reads the discovered resources back from catalog entities (as stored in the plan phase's
 * `plan-entities.json`, or fetched for `POST /analyze`). Systems, Domains and Groups are
 * containers: they are skipped (the caller expands them into their resources). An entity that
 * discovery did not create is a problem when it was asked for itself; when it came in through a
 * container (a System's Components, say) it is skipped: it is software, not a machine to move.
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
  const asked = new Set(
    (options.requestedRefs ?? []).flatMap(r => {
      try {
        return [normalisedRef(r)];
      } catch {
        return []; // named as a bad ref below
      }
    }),
  );
  for (const entity of entities) {
    if (!entity) continue;
    const ref = stringifyEntityRef(entity);
    found.add(ref);
    const kind = entity.kind.toLowerCase();
    if (CONTAINERS.has(kind)) {
      skipped.push({
        ref,
        reason: `a ${entity.kind}: its resources are assessed instead`,
      });
      continue;
    }
    try {
      const resource = entityToDiscoveredResource(entity);
      resources.push(resource);
      entityRefs[resource.externalId] = ref;
    } catch (error) {
      const problem = { ref, reason: (error as Error).message };
      if (!options.requestedRefs || asked.has(ref)) problems.push(problem);
      else skipped.push(problem);
    }
  }
  for (const requested of options.requestedRefs ?? []) {
    let normalised: string;
    try {
      normalised = normalisedRef(requested);
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
