/**
 * A count with its noun in the right number, e.g. `countOf(1, 'resource')` → "1 resource",
 * `countOf(3, 'wave')` → "3 waves".
 *
 * @public
 */
export function countOf(count: number, noun: string, plural = `${noun}s`) {
  return `${count} ${count === 1 ? noun : plural}`;
}
