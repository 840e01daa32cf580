import type { Entity } from '@backstage/catalog-model';

/** Kinds a migration can touch: resources themselves, and what groups them into a selection. */
export const MIGRATABLE_KINDS: readonly string[] = [
  'resource',
  'component',
  'system',
  'group',
];

/**
 * Whether a migration can touch the entity (a resource, or a component, system or group whose
 * resources can be selected): where the entity card and tab are shown.
 */
export function canBeMigrated(entity: Entity): boolean {
  return MIGRATABLE_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'));
}
