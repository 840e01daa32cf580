import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Keeps long CPU-bound loops from stalling the event loop: call the returned function once per
 * item; it gives the event loop a turn whenever `budgetMs` of work ran since the last one.
 *
 * @public
 */
export function createEventLoopYielder(
  budgetMs = 10,
): () => Promise<void> | void {
  let last = performance.now();
  return () => {
    if (performance.now() - last < budgetMs) return undefined;
    return nextTurn().then(() => {
      last = performance.now();
    });
  };
}
