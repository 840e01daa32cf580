import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

type EntityFilterQuery = Array<Record<string, string | string[]>>;

/**
 * One entity a selection resolves to, and the selected ref it came through.
 *
 * @public
 */
export interface ResolvedEntity {
  /** Lower-case entity ref. */
  entityRef: string;
  /** Lower-case selected ref it came through; `entityRef` itself when it was selected. */
  viaRef: string;
  /** Lower-case kind, e.g. `resource`, `component`, `system`. */
  kind: string;
}

/**
 * What a selection of catalog refs stands for: the selected entities themselves, plus the parts
 * of every selected System (its Resources and Components), of every selected Domain (its Systems
 * and their parts) and the entities every selected Group owns (and the parts of the Systems it
 * owns), each once.
 */
export interface CatalogSelection {
  /** Selected entities and what they expanded into, each once. */
  entities: Entity[];
  /** Each entity of `entities` with the selected ref it came through (a selected one wins). */
  resolved: ResolvedEntity[];
  /** Selected refs the catalog does not know (or the caller may not see). */
  unknownRefs: string[];
}

/** Kinds that stand for other entities and are expanded. */
export const CONTAINER_KINDS = ['system', 'domain', 'group'] as const;

const PART_KINDS = ['Resource', 'Component'];

/** Lower-case ref of an entity. */
export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
}

/**
 * Catalog filters (alternatives) for entities whose `field` names `ref`: by the relation the
 * catalog derived from it, or by the spec field as written (with or without a namespace).
 */
function pointingAt(
  ref: string,
  relation: string,
  field: string,
  kind: string[],
): EntityFilterQuery {
  const { namespace, name } = parseEntityRef(ref);
  // `kind` last: the in-memory catalog of the tests settles a filter at its first list value.
  return [
    { [`relations.${relation}`]: ref, kind },
    { 'metadata.namespace': namespace, [field]: name, kind },
    { [field]: ref, kind },
  ];
}

/** Entities matching any of the filters, or none for no filter. */
async function find(
  catalog: CatalogService,
  filters: EntityFilterQuery[],
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const filter = filters.flat();
  if (filter.length === 0) return [];
  const { items } = await catalog.getEntities({ filter }, { credentials });
  return items;
}

/** What a selected entity stands for: the parts of a System, Domain or Group, else nothing. */
async function expand(
  catalog: CatalogService,
  entity: Entity,
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const ref = refOf(entity);
  let systems: Entity[] = [];
  const found: Entity[] = [];
  if (kind === 'system') {
    systems = [entity];
  } else if (kind === 'domain') {
    systems = await find(
      catalog,
      [pointingAt(ref, 'partOf', 'spec.domain', ['System'])],
      credentials,
    );
  } else if (kind === 'group') {
    const owned = await find(
      catalog,
      [pointingAt(ref, 'ownedBy', 'spec.owner', [...PART_KINDS, 'System'])],
      credentials,
    );
    systems = owned.filter(e => e.kind.toLocaleLowerCase('en-US') === 'system');
    found.push(...owned);
  } else {
    return [];
  }
  const parts = await find(
    catalog,
    systems.map(system =>
      pointingAt(refOf(system), 'partOf', 'spec.system', PART_KINDS),
    ),
    credentials,
  );
  return [...found, ...systems.filter(s => s !== entity), ...parts];
}

/**
 * Reads a selection from the catalog with the given credentials and expands Systems, Domains and
 * Groups into what they stand for (the catalog's `partOf`/`ownedBy` relations, or `spec.system`,
 * `spec.domain` and `spec.owner` as written). The one expansion of the plugin: the plan phase's
 * snapshot, the `/analyze` preview, the resolved resources stored at creation and the
 * `entityRef` filter of `GET /migrations` all use it, so they see the same resources.
 */
export async function readCatalogSelection(options: {
  catalog: CatalogService;
  entityRefs: string[];
  credentials: BackstageCredentials;
}): Promise<CatalogSelection> {
  const { catalog, entityRefs, credentials } = options;
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs },
    { credentials },
  );
  const unknownRefs = entityRefs.filter((_, i) => !items[i]);

  const byRef = new Map<string, Entity>();
  const resolved = new Map<string, ResolvedEntity>();
  const add = (entity: Entity, viaRef: string) => {
    const entityRef = refOf(entity);
    if (byRef.has(entityRef)) return;
    byRef.set(entityRef, entity);
    resolved.set(entityRef, {
      entityRef,
      viaRef,
      kind: entity.kind.toLocaleLowerCase('en-US'),
    });
  };
  const selected = items.filter((e): e is Entity => Boolean(e));
  selected.forEach(entity => add(entity, refOf(entity)));
  for (const entity of selected) {
    const parts = await expand(catalog, entity, credentials);
    parts.forEach(part => add(part, refOf(entity)));
  }
  return {
    entities: [...byRef.values()],
    resolved: [...resolved.values()],
    unknownRefs,
  };
}
