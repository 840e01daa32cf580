/**
 * Values shared by many resources of one assessment instead of one copy each: an estate of
 * 100,000 machines repeats a few hundred reasons, factors and mappings. Shared values are frozen,
 * so a consumer that tried to change one for one resource would fail instead of changing it for
 * all of them.
 */

const EMPTY: readonly never[] = Object.freeze([]);

/** The one frozen empty list, typed for a field that holds a list. */
export function noItems<T>(): T[] {
  return EMPTY as unknown as T[];
}

/**
 * A bounded table of shared frozen values by key; cleared when full, so a long-lived process
 * keeps at most `limit` of them.
 */
export class SharedValues<V extends object> {
  private readonly values = new Map<string, V>();

  constructor(private readonly limit = 10_000) {}

  /** The shared value for `key`, made (and frozen) by `make` the first time. */
  get(key: string, make: () => V): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = Object.freeze(make());
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    }
    return value;
  }
}
