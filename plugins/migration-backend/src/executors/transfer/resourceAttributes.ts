import type { MigrationResource } from '@sirsi-nexus/plugin-migration-node';

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
