import { parseEntityRef } from '@backstage/catalog-model';
import { isoIntervalSchema } from '@sirsi-nexus/plugin-migration-common';

/** A string format of the spec that JSON Schema does not define. */
interface ApiFormat {
  validate(value: string): boolean;
  /** Why `value` is not of the format, for the 400's message. */
  problem(value: string): string;
}

function isEntityRef(value: string): boolean {
  try {
    parseEntityRef(value.trim());
    return true;
  } catch {
    return false;
  }
}

const notAnEntityRef = (value: string) =>
  `"${value}" is not an entity ref like resource:default/web-01`;

/**
 * The spec's own string formats (see the description of openapi.yaml), by name; the request
 * validator checks them and {@link describeValidationError} explains a failed one.
 */
export const API_FORMATS: Record<string, ApiFormat> = {
  'entity-ref': { validate: isEntityRef, problem: notAnEntityRef },
  'entity-ref-list': {
    validate: value => value.split(',').every(isEntityRef),
    problem: value =>
      notAnEntityRef(value.split(',').find(ref => !isEntityRef(ref)) ?? value),
  },
  'iso-interval': {
    validate: value => isoIntervalSchema.safeParse(value).success,
    problem: () =>
      'must be an ISO-8601 interval "start/end" with start before end',
  },
};

/** Messages for the spec's patterns, in place of "must match pattern ...". */
export const PATTERN_PROBLEMS: Record<string, string> = {
  '\\S': 'must not be blank',
  '^[A-Za-z0-9-]+$': 'must be a region name like eu-west-1',
};

/** {@link API_FORMATS} as the request validator takes them. */
export function validatorFormats() {
  return Object.fromEntries(
    Object.entries(API_FORMATS).map(([name, format]) => [
      name,
      {
        type: 'string' as const,
        validate: (value: string) => format.validate(value),
      },
    ]),
  );
}
