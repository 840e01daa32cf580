import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * What a selection of catalog refs stands for: the selected entities themselves, plus the
 * Resources that are part of every selected System, each once.
 */
export interface CatalogSelection {
  /** Selected entities and expanded System resources, keyed by lower-case ref. */
  entities: Entity[];
  /** Selected refs the catalog does not know (or the caller may not see). */
  unknownRefs: string[];
}

/**
 * Reads a selection from the catalog with the given credentials and expands Systems into their
 * Resources (`spec.system` naming the System, with or without a namespace). Used by the plan
 * phase's snapshot and by the `/analyze` preview, so both see the same resources.
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
  const add = (entity: Entity) =>
    byRef.set(stringifyEntityRef(entity).toLocaleLowerCase('en-US'), entity);
  items.forEach(entity => entity && add(entity));

  for (const ref of entityRefs) {
    const parsed = parseEntityRef(ref);
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'system') {
      continue;
    }
    const { items: parts } = await catalog.getEntities(
      {
        filter: [
          {
            kind: 'Resource',
            'metadata.namespace': parsed.namespace,
            'spec.system': parsed.name,
          },
          { kind: 'Resource', 'spec.system': ref },
        ],
      },
      { credentials },
    );
    parts.forEach(add);
  }
  return { entities: [...byRef.values()], unknownRefs };
}
