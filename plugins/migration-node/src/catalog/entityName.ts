import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;
/** Names the slug would leave unchanged. */
const VALID_NAME = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/**
 * The catalog `metadata.name` of a discovered resource: a stable slug of its environment and
 * external id, so the same resource keeps its entity across runs and other resources can refer to
 * it without a lookup.
 *
 * @remarks
 * External ids are compared case-insensitively (Azure ids differ in casing between APIs, inventory
 * names in casing between files). When the slug had to drop characters or would be longer than 63
 * characters, it keeps the environment, the end of the id (usually the resource's own name) and
 * adds a short hash of the full id, so two ids never share a name.
 *
 * @public
 */
export function resourceEntityName(
  environmentId: string,
  externalId: string,
): string {
  const base = `${environmentId}-${externalId}`.toLowerCase();
  if (base.length <= MAX_NAME_LENGTH && VALID_NAME.test(base)) {
    return base;
  }
  const hash = createHash('sha256')
    .update(base)
    .digest('hex')
    .slice(0, HASH_LENGTH);
  const env = slugify(environmentId.toLowerCase()).slice(0, 20);
  const room = MAX_NAME_LENGTH - env.length - HASH_LENGTH - 2;
  const idSlug = slugify(externalId.toLowerCase());
  const tail = slugify(idSlug.slice(Math.max(0, idSlug.length - room)));
  return [env, tail, hash].filter(Boolean).join('-');
}

/** Entity reference of the resource entity of a discovered resource. */
export function resourceEntityRef(
  environmentId: string,
  externalId: string,
): string {
  return `resource:default/${resourceEntityName(environmentId, externalId)}`;
}

function slugify(value: string): string {
  return value
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[^a-z0-9]+$/, '');
}
