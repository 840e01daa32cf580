import type { JsonObject } from '@backstage/types';

/** A JSON copy of a typed value (interfaces are not assignable to `JsonObject`). */
export function asJson<T>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
