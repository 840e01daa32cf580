import { useMemo } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  type Entity,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../api';
import { isActive } from '../components/shared/format';
import { useLiveAsync, type LiveAsyncState } from './useLiveAsync';
import { useMigrationUpdates } from './useMigrationUpdates';

/** Most child entities whose migrations are looked up. */
export const MAX_CHILD_REFS = 50;
/** Most migrations read (the backend's page limit). */
const MIGRATIONS_LIMIT = 500;

/** The entity itself and its parts (a system's components and resources, a component's subcomponents). */
export function migrationScopeRefs(entity: Entity): string[] {
  const self = stringifyEntityRef(entity);
  const children = (entity.relations ?? [])
    .filter(r => r.type === RELATION_HAS_PART)
    .map(r => r.targetRef)
    .slice(0, MAX_CHILD_REFS);
  return [self, ...children.filter(ref => ref !== self)];
}

/** Active migrations first, then the most recently updated. */
export function sortMigrations(migrations: Migration[]): Migration[] {
  return [...migrations].sort((a, b) => {
    const active = Number(isActive(b)) - Number(isActive(a));
    return active !== 0 ? active : b.updatedAt.localeCompare(a.updatedAt);
  });
}

/**
 * Migrations touching an entity or its parts, active first, kept current by signals (or polling).
 */
export function useEntityMigrations(
  entity: Entity,
): LiveAsyncState<Migration[]> {
  const api = useApi(migrationApiRef);
  const refs = migrationScopeRefs(entity);
  const refsKey = refs.join('\n');
  const state = useLiveAsync(async () => {
    // One request for the entity and all its parts (the backend takes up to 100 refs).
    const { items } = await api.listMigrations({
      entityRef: refsKey.split('\n'),
      limit: MIGRATIONS_LIMIT,
    });
    return sortMigrations(items);
  }, [api, refsKey]);

  const knownIds = useMemo(
    () => new Set((state.value ?? []).map(m => m.id)),
    [state.value],
  );
  useMigrationUpdates({
    filter: s => knownIds.has(s.migrationId) || s.type === 'migration',
    onUpdate: state.refresh,
  });
  return state;
}
