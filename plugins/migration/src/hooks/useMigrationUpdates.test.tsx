import { PropsWithChildren } from 'react';
import { act, renderHook } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { MIGRATION_SIGNAL_CHANNEL } from '@sirsi-nexus/plugin-migration-common';
import { FakeSignalApi } from '../__testUtils__/FakeSignalApi';
import {
  POLL_INTERVAL_WITHOUT_SIGNALS_MS,
  POLL_INTERVAL_WITH_SIGNALS_MS,
  SIGNAL_COALESCE_MS,
  useMigrationUpdates,
} from './useMigrationUpdates';

function wrapper(signals?: FakeSignalApi) {
  const apis: [typeof signalApiRef, FakeSignalApi][] = signals
    ? [[signalApiRef, signals]]
    : [];
  return ({ children }: PropsWithChildren<{}>) => (
    <TestApiProvider apis={apis as any}>{children}</TestApiProvider>
  );
}

describe('useMigrationUpdates', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('polls every 5 s when the app has no signals', () => {
    const onUpdate = jest.fn();
    const { result } = renderHook(() => useMigrationUpdates({ onUpdate }), {
      wrapper: wrapper(),
    });

    expect(result.current.live).toBe(false);
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_WITHOUT_SIGNALS_MS - 1));
    expect(onUpdate).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onUpdate).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_WITHOUT_SIGNALS_MS * 2));
    expect(onUpdate).toHaveBeenCalledTimes(3);
  });

  it('with signals, refreshes on matching signals and polls only as a safety net', () => {
    const signals = new FakeSignalApi();
    const onUpdate = jest.fn();
    const { result } = renderHook(
      () => useMigrationUpdates({ migrationId: 'mig-1', onUpdate }),
      { wrapper: wrapper(signals) },
    );
    expect(result.current.live).toBe(true);

    act(() => jest.advanceTimersByTime(POLL_INTERVAL_WITHOUT_SIGNALS_MS * 2));
    expect(onUpdate).not.toHaveBeenCalled();

    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-2',
      type: 'task',
    });
    act(() => jest.advanceTimersByTime(SIGNAL_COALESCE_MS));
    expect(onUpdate).not.toHaveBeenCalled();

    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'task',
    });
    act(() => jest.advanceTimersByTime(SIGNAL_COALESCE_MS));
    expect(onUpdate).toHaveBeenCalledTimes(1);

    act(() => jest.advanceTimersByTime(POLL_INTERVAL_WITH_SIGNALS_MS));
    expect(onUpdate).toHaveBeenCalledTimes(2);
  });

  it('coalesces a burst of signals into one refresh', () => {
    const signals = new FakeSignalApi();
    const onUpdate = jest.fn();
    renderHook(() => useMigrationUpdates({ onUpdate }), {
      wrapper: wrapper(signals),
    });

    for (let i = 0; i < 20; i++) {
      signals.publish(MIGRATION_SIGNAL_CHANNEL, {
        migrationId: 'mig-1',
        type: 'task',
        progress: i / 20,
      });
    }
    act(() => jest.advanceTimersByTime(SIGNAL_COALESCE_MS));

    expect(onUpdate).toHaveBeenCalledTimes(1);
  });

  it('applies the filter and stops when disabled or unmounted', () => {
    const signals = new FakeSignalApi();
    const onUpdate = jest.fn();
    const { rerender, unmount } = renderHook(
      ({ disabled }: { disabled: boolean }) =>
        useMigrationUpdates({
          onUpdate,
          disabled,
          filter: s => s.type === 'approval',
        }),
      { wrapper: wrapper(signals), initialProps: { disabled: false } },
    );

    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'm',
      type: 'task',
    });
    act(() => jest.advanceTimersByTime(SIGNAL_COALESCE_MS));
    expect(onUpdate).not.toHaveBeenCalled();
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'm',
      type: 'approval',
    });
    act(() => jest.advanceTimersByTime(SIGNAL_COALESCE_MS));
    expect(onUpdate).toHaveBeenCalledTimes(1);

    rerender({ disabled: true });
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'n',
      type: 'approval',
    });
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_WITH_SIGNALS_MS));
    expect(onUpdate).toHaveBeenCalledTimes(1);

    unmount();
    expect(signals.listeners(MIGRATION_SIGNAL_CHANNEL)).toBe(0);
  });
});
