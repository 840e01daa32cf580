import type { MigrationInvolvement } from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';
import { toNumber } from '../dbClock';
import type { EntityMatch, ResolvedResource } from '../MigrationStore';
import { INSERT_CHUNK, chunks } from './util';

interface ResourceRow {
  migration_id: string;
  entity_ref: string;
  via_ref: string;
  wave: number | string | null;
  kind: string;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The kind of an entity ref, lower-case (`component` when the ref has none). */
export function kindOfRef(ref: string): string {
  const colon = ref.indexOf(':');
  return colon > 0 ? lower(ref.slice(0, colon)) : 'component';
}

/** Resolved resources standing for just the requested refs (no catalog expansion). */
export function requestedOnly(entityRefs: string[]): ResolvedResource[] {
  return entityRefs.map(ref => ({
    entityRef: ref,
    viaRef: ref,
    kind: kindOfRef(ref),
  }));
}

/** The rows of `resources`, lower-cased and each entity once (a requested one wins). */
function toRows(migrationId: string, resources: ResolvedResource[]) {
  const rows = new Map<string, Omit<ResourceRow, 'wave'>>();
  for (const r of resources) {
    const row = {
      migration_id: migrationId,
      entity_ref: lower(r.entityRef),
      via_ref: lower(r.viaRef),
      kind: lower(r.kind),
    };
    const existing = rows.get(row.entity_ref);
    if (!existing || row.via_ref === row.entity_ref) {
      rows.set(row.entity_ref, row);
    }
  }
  return [...rows.values()];
}

/**
 * Writes the resolved resources of a migration: rows of entities no longer resolved go, the
 * others are inserted or updated in place (their waves stay). Idempotent.
 */
export async function writeResources(
  trx: Knex,
  migrationId: string,
  resources: ResolvedResource[],
) {
  const rows = toRows(migrationId, resources);
  const keep = new Set(rows.map(r => r.entity_ref));
  const existing = (await trx('migration_resources')
    .where({ migration_id: migrationId })
    .select('entity_ref')) as Array<{ entity_ref: string }>;
  const gone = existing.map(r => r.entity_ref).filter(ref => !keep.has(ref));
  for (const part of chunks(gone, INSERT_CHUNK)) {
    await trx('migration_resources')
      .where({ migration_id: migrationId })
      .whereIn('entity_ref', part)
      .delete();
  }
  for (const part of chunks(rows, INSERT_CHUNK)) {
    await trx('migration_resources')
      .insert(part)
      .onConflict(['migration_id', 'entity_ref'])
      .merge(['via_ref', 'kind']);
  }
}

/** Sets the waves of the listed entities of a migration. */
export async function writeWaves(
  trx: Knex,
  migrationId: string,
  waves: Array<{ entityRef: string; wave: number }>,
) {
  const byWave = new Map<number, string[]>();
  for (const { entityRef, wave } of waves) {
    byWave.set(wave, [...(byWave.get(wave) ?? []), lower(entityRef)]);
  }
  for (const [wave, refs] of byWave) {
    for (const part of chunks(refs, INSERT_CHUNK)) {
      await trx('migration_resources')
        .where({ migration_id: migrationId })
        .whereIn('entity_ref', part)
        .update({ wave });
    }
  }
}

/**
 * Number of resolved resources of each migration: the Resource entities it moves. Containers
 * (Systems, Domains, Groups) and a System's Components are indexed, so their pages show the
 * migration, but they are not machines to move and are not counted.
 */
export async function resourceCounts(
  trx: Knex,
  migrationIds: string[],
): Promise<Map<string, number>> {
  const rows = (await trx('migration_resources')
    .whereIn('migration_id', migrationIds)
    .where('kind', 'resource')
    .groupBy('migration_id')
    .select('migration_id')
    .count({ n: '*' })) as Array<{ migration_id: string; n: number | string }>;
  return new Map(rows.map(r => [r.migration_id, toNumber(r.n)]));
}

/** Every ref an entity match looks for, lower-case, each once. */
export function matchRefs(match: EntityMatch): string[] {
  return [
    ...new Set([...match.refs, ...match.containers, ...match.parts].map(lower)),
  ];
}

/** Narrows a `migrations` query to the migrations an entity match finds. */
export function whereMatches(
  db: Knex,
  query: Knex.QueryBuilder,
  match: EntityMatch,
) {
  query.whereIn(
    'migrations.id',
    db('migration_resources')
      .whereIn('entity_ref', matchRefs(match))
      .select('migration_id'),
  );
}

function involvementOf(
  rows: ResourceRow[],
  match: EntityMatch,
): MigrationInvolvement | undefined {
  const wave = (row: ResourceRow) =>
    row.wave === null ? {} : { wave: toNumber(row.wave) };
  const refs = new Set(match.refs.map(lower));
  const itself = rows
    .filter(r => refs.has(r.entity_ref))
    .sort(
      (a, b) =>
        Number(b.via_ref === b.entity_ref) - Number(a.via_ref === a.entity_ref),
    )[0];
  if (itself) {
    if (itself.via_ref === itself.entity_ref) {
      return { via: 'requested', ...wave(itself) };
    }
    const via = kindOfRef(itself.via_ref) === 'group' ? 'group' : 'system';
    return { via, viaRef: itself.via_ref, ...wave(itself) };
  }
  const containers = new Set(match.containers.map(lower));
  const container = rows.find(r => containers.has(r.entity_ref));
  if (container) {
    const via =
      kindOfRef(container.entity_ref) === 'group' ? 'group' : 'system';
    return { via, viaRef: container.entity_ref };
  }
  const parts = new Set(match.parts.map(lower));
  const part = rows.find(r => parts.has(r.entity_ref));
  return part
    ? { via: 'part', viaRef: part.entity_ref, ...wave(part) }
    : undefined;
}

/** How the entities of a match are involved in each of the given migrations. */
export async function involvements(
  trx: Knex,
  migrationIds: string[],
  match: EntityMatch,
): Promise<Map<string, MigrationInvolvement>> {
  const result = new Map<string, MigrationInvolvement>();
  if (migrationIds.length === 0) return result;
  const rows = (await trx('migration_resources')
    .whereIn('migration_id', migrationIds)
    .whereIn('entity_ref', matchRefs(match))) as ResourceRow[];
  for (const id of migrationIds) {
    const involvement = involvementOf(
      rows.filter(r => r.migration_id === id),
      match,
    );
    if (involvement) result.set(id, involvement);
  }
  return result;
}
