import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket limiting bandwidth: tokens (bytes) refill at `ratePerSecond` up to `capacity`.
 * It starts empty, so no window longer than `capacity / ratePerSecond` seconds exceeds the rate.
 * Callers are served in arrival order.
 *
 * @public
 */
export class TokenBucket {
  private tokens = 0;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly ratePerSecond: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError('rate must be positive');
    if (!(capacity > 0)) throw new RangeError('capacity must be positive');
    this.last = this.now();
  }

  /** Waits until `amount` tokens are available and takes them. */
  take(amount: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.takeNow(amount, signal));
    // Keep the queue going even when one caller is aborted.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private refill() {
    const now = this.now();
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.ratePerSecond,
    );
    this.last = now;
  }

  private async takeNow(amount: number, signal?: AbortSignal) {
    let remaining = amount;
    while (remaining > 0) {
      signal?.throwIfAborted();
      this.refill();
      const want = Math.min(remaining, this.capacity);
      if (this.tokens >= want) {
        this.tokens -= want;
        remaining -= want;
        continue;
      }
      const waitMs = ((want - this.tokens) / this.ratePerSecond) * 1000;
      await sleep(Math.max(1, Math.ceil(waitMs)), undefined, { signal });
    }
  }
}
