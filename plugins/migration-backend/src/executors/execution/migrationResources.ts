import type { Entity } from '@backstage/catalog-model';
import {
  PLAN_ENTITIES_ARTIFACT,
  type CapturedEntity,
  type DiscoveredResource,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  entityToDiscoveredResource,
  type ArtifactReader,
} from '@sirsi-nexus/plugin-migration-node';

/** A migrated resource with the catalog entity it came from. */
export interface MigrationResource {
  entityRef: string;
  entity: CapturedEntity;
  resource?: DiscoveredResource;
}

/** `kind:namespace/name`, lower-cased. */
export function entityRefOf(entity: CapturedEntity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

/**
 * The resources of the migration as the plan phase captured them. Entities that were not created
 * by discovery (a System, a hand-written Resource) have no `resource`.
 */
export async function readMigrationResources(
  artifacts: ArtifactReader,
): Promise<MigrationResource[]> {
  const plan = await artifacts.getJson<PlanEntitiesArtifact>(
    PLAN_ENTITIES_ARTIFACT,
  );
  return (plan?.entities ?? []).map(entity => {
    let resource: DiscoveredResource | undefined;
    try {
      resource = entityToDiscoveredResource(entity as unknown as Entity);
    } catch {
      resource = undefined;
    }
    return { entityRef: entityRefOf(entity), entity, resource };
  });
}

/** A tag of the resource or an annotation/label of its entity, by any of the given names. */
export function attribute(
  item: MigrationResource,
  ...names: string[]
): string | undefined {
  for (const name of names) {
    const tag = Object.entries(item.resource?.tags ?? {}).find(
      ([k]) => k.toLowerCase() === name.toLowerCase(),
    )?.[1];
    if (tag) return tag;
    const annotation =
      item.entity.metadata.annotations?.[`sirsi-nexus.io/${name}`];
    if (annotation) return annotation;
  }
  return undefined;
}

/** Name to show for a resource. */
export function displayName(item: MigrationResource): string {
  return item.resource?.name ?? item.entity.metadata.name;
}

/** Artifact/file-safe form of a name. */
export function safeSegment(name: string): string {
  return (
    name
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^\.+/, '_')
      .slice(0, 100) || 'unnamed'
  );
}
