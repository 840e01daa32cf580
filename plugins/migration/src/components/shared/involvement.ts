import { parseEntityRef } from '@backstage/catalog-model';
import type {
  Migration,
  MigrationInvolvement,
} from '@sirsi-nexus/plugin-migration-common';

export type { MigrationInvolvement };

/** The `via` values this portal knows how to say. */
const VIAS: ReadonlyArray<MigrationInvolvement['via']> = [
  'requested',
  'system',
  'group',
  'part',
];

/** "5,000 resources": a count of resources, grouped by thousands. */
export function resourcesCount(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'resource' : 'resources'}`;
}

/**
 * How many resources the migration resolved to (systems and groups expanded); the number of
 * requested entities when the backend does not say.
 */
export function resolvedResourceCount(migration: Migration): number {
  return reportedResourceCount(migration) ?? migration.entityRefs.length;
}

/** `resourceCount` when the backend sends it, else undefined. */
export function reportedResourceCount(
  migration: Migration,
): number | undefined {
  // Read defensively: an older backend does not send it.
  const count: unknown = migration.resourceCount;
  return typeof count === 'number' && Number.isFinite(count) && count >= 0
    ? count
    : undefined;
}

/** The migration's `involvement` (only on `?entityRef=` answers), read defensively. */
export function involvementOf(
  migration: Migration,
): MigrationInvolvement | undefined {
  const value: unknown = migration.involvement;
  if (!value || typeof value !== 'object') return undefined;
  const { via, viaRef, wave } = value as Record<string, unknown>;
  if (!VIAS.includes(via as MigrationInvolvement['via'])) return undefined;
  return {
    via: via as MigrationInvolvement['via'],
    viaRef: typeof viaRef === 'string' ? viaRef : undefined,
    wave: typeof wave === 'number' ? wave : undefined,
  };
}

/** `system:default/web-shop` → "Web shop": the ref's name for people when no title is known. */
export function humanizeRef(ref: string): string {
  let name = ref;
  try {
    name = parseEntityRef(ref).name;
  } catch {
    // Not a ref: the text as it is.
  }
  const words = name.replace(/[_.-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * "Migrated as part of Web Shop, wave 2", "Requested for migration, wave 1": how the entity is
 * involved, with the title of the system or group it came through when known.
 */
export function describeInvolvement(
  involvement: MigrationInvolvement,
  viaTitle?: string,
): string {
  const wave =
    involvement.wave !== undefined ? `, wave ${involvement.wave}` : '';
  const via =
    viaTitle ?? (involvement.viaRef ? humanizeRef(involvement.viaRef) : '');
  switch (involvement.via) {
    case 'requested':
      return `Requested for this migration${wave}`;
    case 'part':
      return `Its part ${via || 'of it'} is migrated${wave}`;
    default:
      return `Migrated as part of ${via || `its ${involvement.via}`}${wave}`;
  }
}
