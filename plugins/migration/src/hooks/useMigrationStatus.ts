import { useRef } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AuditEvent,
  MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef, type MigrationApi } from '../api';
import { useLiveAsync, type LiveAsyncState } from './useLiveAsync';
import { useMigrationUpdates } from './useMigrationUpdates';

/** A migration's status together with its audit trail. */
export interface MigrationDetails extends MigrationStatusResponse {
  events: AuditEvent[];
}

const EVENTS_PAGE_SIZE = 1000;

/** Appends the audit events after the ones already loaded, page by page. */
async function loadNewEvents(
  api: MigrationApi,
  id: string,
  known: AuditEvent[],
): Promise<AuditEvent[]> {
  let events = known;
  let after = known.length ? known[known.length - 1].id : undefined;
  for (;;) {
    const since = after;
    const page = await api.listEvents(id, {
      after: since,
      limit: EVENTS_PAGE_SIZE,
    });
    const fresh = page.items.filter(e => since === undefined || e.id > since);
    events = events.concat(fresh);
    if (page.items.length < EVENTS_PAGE_SIZE || fresh.length === 0) {
      return events;
    }
    after = fresh[fresh.length - 1].id;
  }
}

/**
 * Loads a migration's status and audit trail and keeps them current through signals (or polling
 * when signals are off). Refreshes fetch only the audit events not seen yet.
 */
export function useMigrationStatus(
  id: string,
): LiveAsyncState<MigrationDetails> & { live: boolean } {
  const api = useApi(migrationApiRef);
  const known = useRef<{ id: string; events: AuditEvent[] }>({
    id,
    events: [],
  });
  const state = useLiveAsync(async () => {
    const base = known.current.id === id ? known.current.events : [];
    const [status, events] = await Promise.all([
      api.getMigrationStatus(id),
      loadNewEvents(api, id, base),
    ]);
    known.current = { id, events };
    return { ...status, events };
  }, [api, id]);
  const { live } = useMigrationUpdates({
    migrationId: id,
    onUpdate: state.refresh,
  });
  return { ...state, live };
}
