import { InputError } from '@backstage/errors';
import type express from 'express';
import { spec } from '../../schema/openapi';
import { API_FORMATS, PATTERN_PROBLEMS } from './formats';

/** How the request validator words a failed check, e.g. `request/body/target/region must ...`. */
const VALIDATOR_MESSAGE = /^request\/(body|query|params|headers)(\/\S*)? (.+)$/;

type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
};

const deferred = new WeakMap<express.Request, Error>();

/**
 * The error handler that follows the request validator. Instead of answering 400 at once it
 * keeps the error, worded to name the field, for the operation to throw once the caller is
 * authenticated (401) and authorized (403).
 */
export function deferValidationErrors(): express.ErrorRequestHandler {
  return (error, req, _res, next) => {
    deferred.set(req, describeValidationError(error, req));
    next();
  };
}

/** Throws what the request validator found wrong with `req`, if it found anything. */
export function throwValidationError(req: express.Request): void {
  const error = deferred.get(req);
  if (error) throw error;
}

function resolveRef(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const name = schema.$ref.split('/').pop()!;
  return resolveRef(
    (spec.components.schemas as Record<string, Schema>)[name] ?? undefined,
  );
}

/** The JSON schema of the request body at `path`, as far as the spec describes it. */
function bodySchemaAt(req: express.Request, path: string[]) {
  const operation = (
    req as {
      openapi?: {
        schema?: {
          requestBody?: { content?: Record<string, { schema?: Schema }> };
        };
      };
    }
  ).openapi?.schema;
  let schema = resolveRef(
    operation?.requestBody?.content?.['application/json']?.schema,
  );
  for (const key of path) {
    const extra = schema?.additionalProperties;
    schema = resolveRef(
      schema?.type === 'array'
        ? schema.items
        : schema?.properties?.[key] ??
            (typeof extra === 'object' ? extra : undefined),
    );
  }
  return schema;
}

function valueAt(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node && typeof node === 'object'
        ? (node as Record<string, unknown>)[key]
        : undefined,
    root,
  );
}

/** The field and the problem, e.g. `["target.region", "must be a region name like eu-west-1"]`. */
function explain(
  req: express.Request,
  location: 'body' | 'query' | 'params' | 'headers',
  path: string[],
  problem: string,
): [string[], string] {
  const value = valueAt(req[location], path);
  const required = /^must have required property '(.+)'$/.exec(problem);
  if (required) return [[...path, required[1]], 'is required'];
  if (
    problem === 'must NOT have additional properties' &&
    location === 'body'
  ) {
    const known = bodySchemaAt(req, path)?.properties ?? {};
    const unknown = Object.keys(value ?? {}).filter(key => !(key in known));
    if (unknown.length) {
      return [path, `unrecognized key(s) ${unknown.map(k => `"${k}"`)}`];
    }
  }
  const format = /^must match format "(.+)"$/.exec(problem);
  if (format && API_FORMATS[format[1]] && typeof value === 'string') {
    return [path, API_FORMATS[format[1]].problem(value)];
  }
  const pattern = /^must match pattern "(.+)"$/.exec(problem);
  return [path, (pattern && PATTERN_PROBLEMS[pattern[1]]) ?? problem];
}

/**
 * The request validator's error as an InputError whose message starts with the field it is
 * about, the way the API words every 400: `entityRefs.0: "x" is not an entity ref like ...`.
 * Errors it does not recognise (malformed JSON, an unknown query parameter) keep their message.
 */
export function describeValidationError(
  error: Error,
  req: express.Request,
): Error {
  const match = VALIDATOR_MESSAGE.exec(error.message);
  if (!match) return error;
  const location = match[1] as 'body' | 'query' | 'params' | 'headers';
  const path = (match[2] ?? '')
    .split('/')
    .filter(Boolean)
    .map(key => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  const [field, problem] = explain(req, location, path, match[3]);
  return new InputError(`${field.join('.') || location}: ${problem}`);
}
