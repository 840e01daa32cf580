import { useApi } from '@backstage/core-plugin-api';
import type { ReceivedAlert } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../api';
import { useLiveAsync, type LiveAsyncState } from './useLiveAsync';
import { useMigrationUpdates } from './useMigrationUpdates';

/**
 * The alerts of a migration that are firing (Alertmanager's latest word on each), kept current
 * by the migration's signals; nothing without a migration id.
 */
export function useFiringAlerts(
  migrationId: string | undefined,
): LiveAsyncState<ReceivedAlert[]> {
  const api = useApi(migrationApiRef);
  const state = useLiveAsync(async () => {
    if (!migrationId) return [];
    const { alerts } = await api.getMonitoring(migrationId);
    return alerts.filter(a => a.status === 'firing');
  }, [api, migrationId]);
  useMigrationUpdates({
    migrationId,
    disabled: !migrationId,
    onUpdate: state.refresh,
  });
  return state;
}

/** Firing alerts by a key of their resource (its id or its entity ref); unlinked ones left out. */
export function alertsByResource(
  alerts: readonly ReceivedAlert[] | undefined,
  key: 'id' | 'entityRef',
): Map<string, ReceivedAlert[]> {
  const map = new Map<string, ReceivedAlert[]>();
  for (const alert of alerts ?? []) {
    const value = alert.resource?.[key]?.toLowerCase();
    if (!value) continue;
    map.set(value, [...(map.get(value) ?? []), alert]);
  }
  return map;
}
