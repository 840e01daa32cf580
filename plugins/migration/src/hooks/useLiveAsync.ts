import { DependencyList, useCallback, useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';

/** State of {@link useLiveAsync}. */
export interface LiveAsyncState<T> {
  /** The latest value that loaded; kept while a refresh is under way or fails. */
  value?: T;
  /** The error of the latest load. */
  error?: Error;
  /** True until the first load of the current deps finishes. */
  loading: boolean;
  /** Loads again, keeping the current value on screen meanwhile. */
  refresh: () => void;
}

/**
 * Like `useAsync`, but refreshes keep the last value visible instead of flashing a spinner, and a
 * failed refresh keeps the last value next to the error.
 */
export function useLiveAsync<T>(
  fn: () => Promise<T>,
  deps: DependencyList,
): LiveAsyncState<T> {
  const [refreshKey, setRefreshKey] = useState(0);
  const refresh = useCallback(() => setRefreshKey(k => k + 1), []);
  const depsKey = useRef<DependencyList>(deps);
  const last = useRef<T | undefined>(undefined);
  if (
    deps.length !== depsKey.current.length ||
    deps.some((d, i) => !Object.is(d, depsKey.current[i]))
  ) {
    depsKey.current = deps;
    last.current = undefined;
  }

  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsync(fn, [...deps, refreshKey]);
  if (state.value !== undefined) {
    last.current = state.value;
  }

  return {
    value: last.current,
    error: state.error,
    loading: state.loading && last.current === undefined,
    refresh,
  };
}
