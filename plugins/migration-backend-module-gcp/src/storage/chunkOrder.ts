/**
 * Lets chunks through one at a time in offset order. A resumable upload session appends, so the
 * chunk at offset `o` may only be sent once every byte before `o` is; the mover's concurrent
 * workers take chunks in index order, so a waiting chunk never blocks the one it waits for.
 */
export class ChunkOrder {
  private waiters: Array<() => void> = [];

  /** Resolves once `ready()` says true; re-checked whenever `advance()` is called. */
  async wait(ready: () => boolean, signal?: AbortSignal): Promise<void> {
    while (!ready()) {
      signal?.throwIfAborted();
      await new Promise<void>((resolve, reject) => {
        let onAbort = () => {};
        const wake = () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
        onAbort = () => {
          this.waiters = this.waiters.filter(w => w !== wake);
          reject(signal?.reason ?? new Error('aborted'));
        };
        this.waiters.push(wake);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  /** Wakes every waiter to check again (after a chunk finished, or the upload restarted). */
  advance(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
