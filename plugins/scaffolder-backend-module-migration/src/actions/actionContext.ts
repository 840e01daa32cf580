import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { z } from 'zod/v3';

/** An action's input or output fields, each a function of the scaffolder's zod. */
export type ActionFields = { [key: string]: (zImpl: typeof z) => z.ZodType };

type ValuesOf<S extends ActionFields> = {
  [K in keyof S]: z.infer<ReturnType<S[K]>>;
};

/**
 * The context the handler of an action with these input and output fields gets, so a handler
 * can be a function of its own.
 */
export type ActionContextOf<
  I extends ActionFields,
  O extends ActionFields,
> = ActionContext<ValuesOf<I>, ValuesOf<O>>;

/** Declares an action's input or output fields apart from the action, keeping their types. */
export function fields<S extends ActionFields>(schema: S): S {
  return schema;
}
