import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RESOURCE_ANNOTATIONS,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '@sirsi-nexus/plugin-migration-node';

/**
 * The entities behind a selection, read from the catalog with the user's credentials: Resources
 * as they are, Systems expanded into the Resources whose `spec.system` names them.
 */
export async function readSelection(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entityRefs: string[],
): Promise<Entity[]> {
  const { items } = await catalog.getEntitiesByRefs(
    { entityRefs },
    { credentials },
  );
  const missing = entityRefs.filter((_, i) => !items[i]);
  if (missing.length > 0) {
    throw new InputError(
      `entityRefs: not in the catalog: ${missing.join(', ')}`,
    );
  }
  const entities: Entity[] = [];
  for (const entity of items as Entity[]) {
    if (entity.kind.toLowerCase() === 'system') {
      const { items: parts } = await catalog.getEntities(
        {
          filter: {
            kind: 'Resource',
            'spec.system': [entity.metadata.name, stringifyEntityRef(entity)],
          },
        },
        { credentials },
      );
      entities.push(
        ...parts.filter(
          p =>
            (p.metadata.namespace ?? 'default') ===
            (entity.metadata.namespace ?? 'default'),
        ),
      );
    } else {
      entities.push(entity);
    }
  }
  const seen = new Set<string>();
  return entities.filter(e => {
    const ref = stringifyEntityRef(e);
    if (seen.has(ref)) return false;
    seen.add(ref);
    return true;
  });
}

/**
 * The environment every selected resource was discovered in (`sirsi-nexus.io/environment`).
 *
 * @throws InputError when the selection spans several environments or none.
 */
export function sourceEnvironmentOf(entities: Entity[]): string {
  const environments = new Set(
    entities
      .map(e => e.metadata.annotations?.[RESOURCE_ANNOTATIONS.environment])
      .filter((e): e is string => !!e),
  );
  if (environments.size !== 1) {
    throw new InputError(
      environments.size === 0
        ? 'sourceEnvironmentId: none of the selected entities names its environment; give sourceEnvironmentId'
        : `sourceEnvironmentId: the selection spans environments ${[
            ...environments,
          ]
            .sort()
            .join(
              ', ',
            )}; request one migration per environment or give sourceEnvironmentId`,
    );
  }
  return [...environments][0];
}

/**
 * The discovered resources of a selection plus those they depend on (subnets, networks,
 * security groups) that were not selected.
 */
export async function readResourcesWithDependencies(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  entities: Entity[],
): Promise<DiscoveredResource[]> {
  const resources: DiscoveredResource[] = [];
  for (const entity of entities) {
    try {
      resources.push(entityToDiscoveredResource(entity));
    } catch {
      // Not created by discovery: the assessment reports it; nothing to generate.
    }
  }
  const known = new Set(resources.map(r => r.externalId.toLowerCase()));
  const missing = [...new Set(resources.flatMap(r => r.dependsOn))].filter(
    id => !known.has(id.toLowerCase()),
  );
  for (let i = 0; i < missing.length; i += 100) {
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'Resource',
          [`metadata.annotations.${RESOURCE_ANNOTATIONS.externalId}`]:
            missing.slice(i, i + 100),
        },
      },
      { credentials },
    );
    for (const entity of items) {
      try {
        resources.push(entityToDiscoveredResource(entity));
      } catch {
        // see above
      }
    }
  }
  return resources;
}

/** Normalises refs like `web-01` to `resource:default/web-01`. */
export function normaliseRefs(refs: string[]): string[] {
  return refs.map(ref => {
    try {
      return stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'resource',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      throw new InputError(`entityRefs: "${ref}" is not an entity ref`);
    }
  });
}
