import { useEffect, useRef } from 'react';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type MigrationSignal,
} from '@sirsi-nexus/plugin-migration-common';

/** Polling interval when the app has no signals (live updates). */
export const POLL_INTERVAL_WITHOUT_SIGNALS_MS = 5_000;
/** Safety-net polling interval when signals are on (a dropped socket must not freeze a page). */
export const POLL_INTERVAL_WITH_SIGNALS_MS = 30_000;
/** Bursts of signals (task progress) are coalesced into one refresh per this interval. */
export const SIGNAL_COALESCE_MS = 250;

/** Options of {@link useMigrationUpdates}. */
export interface MigrationUpdatesOptions {
  /** Only signals about this migration count; all migrations when omitted. */
  migrationId?: string;
  /** Further narrows which signals count, e.g. only approvals. */
  filter?: (signal: MigrationSignal) => boolean;
  /** Called when something the caller shows may have changed. */
  onUpdate: () => void;
  /** Stop listening and polling, e.g. for migrations that can no longer change. */
  disabled?: boolean;
}

/**
 * Calls `onUpdate` when a migration signal arrives for what the caller shows, and polls as a
 * fallback: every 5 s when signals are unavailable, every 30 s as a safety net when they are.
 */
export function useMigrationUpdates(options: MigrationUpdatesOptions): {
  live: boolean;
} {
  const { migrationId, disabled } = options;
  const { lastSignal, isSignalsAvailable } = useSignal<MigrationSignal>(
    MIGRATION_SIGNAL_CHANNEL,
  );
  const onUpdateRef = useRef(options.onUpdate);
  onUpdateRef.current = options.onUpdate;
  const filterRef = useRef(options.filter);
  filterRef.current = options.filter;
  const timerRef = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (disabled || !lastSignal) return;
    if (migrationId && lastSignal.migrationId !== migrationId) return;
    if (filterRef.current && !filterRef.current(lastSignal)) return;
    if (timerRef.current) return;
    timerRef.current = setTimeout(() => {
      timerRef.current = undefined;
      onUpdateRef.current();
    }, SIGNAL_COALESCE_MS);
  }, [lastSignal, migrationId, disabled]);

  useEffect(
    () => () => {
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = undefined;
    },
    [],
  );

  useEffect(() => {
    if (disabled) return undefined;
    const interval = setInterval(
      () => {
        if (typeof document !== 'undefined' && document.hidden) return;
        onUpdateRef.current();
      },
      isSignalsAvailable
        ? POLL_INTERVAL_WITH_SIGNALS_MS
        : POLL_INTERVAL_WITHOUT_SIGNALS_MS,
    );
    return () => clearInterval(interval);
  }, [isSignalsAvailable, disabled]);

  return { live: isSignalsAvailable };
}
