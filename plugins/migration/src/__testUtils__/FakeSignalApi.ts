import type { SignalApi } from '@backstage/plugin-signals-react';
import { act } from '@testing-library/react';

type JsonObject = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A {@link SignalApi} whose messages the test publishes. */
export class FakeSignalApi implements SignalApi {
  private readonly subscribers = new Map<
    string,
    Set<(m: JsonObject) => void>
  >();

  subscribe<T extends JsonObject = JsonObject>(
    channel: string,
    onMessage: (message: T) => void,
  ) {
    const set = this.subscribers.get(channel) ?? new Set();
    const handler = onMessage as (m: JsonObject) => void;
    set.add(handler);
    this.subscribers.set(channel, set);
    return { unsubscribe: () => set.delete(handler) };
  }

  /** Delivers a message to every subscriber of the channel. */
  publish(channel: string, message: JsonObject) {
    act(() => {
      this.subscribers.get(channel)?.forEach(fn => fn(message));
    });
  }

  /** How many components listen on the channel. */
  listeners(channel: string): number {
    return this.subscribers.get(channel)?.size ?? 0;
  }
}
