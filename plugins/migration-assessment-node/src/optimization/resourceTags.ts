import type { OptimizationResource } from './optimizationResources';

const NON_PRODUCTION =
  /^(dev|development|test|testing|qa|uat|staging|stage|stg|sandbox|non-?prod|demo|preview)$/i;
const STATELESS_TIERS =
  /^(web|frontend|front-end|api|worker|batch|stateless|cache)$/i;
const ENV_TAGS = ['environment', 'env', 'stage'];

/** Whether a resource belongs to a non-production environment, by its tags. */
export function isNonProduction(
  resource: Pick<OptimizationResource, 'tags'>,
): boolean {
  return ENV_TAGS.some(t => {
    const value = Object.entries(resource.tags).find(
      ([k]) => k.toLowerCase() === t,
    )?.[1];
    return value !== undefined && NON_PRODUCTION.test(value.trim());
  });
}

/** Whether a resource is tagged as a stateless tier (safe to interrupt). */
export function isStateless(
  resource: Pick<OptimizationResource, 'tags' | 'kind'>,
): boolean {
  if (resource.kind !== 'vm') return false;
  const tag = (k: string) =>
    Object.entries(resource.tags)
      .find(([key]) => key.toLowerCase() === k)?.[1]
      ?.trim();
  if (/^(true|yes)$/i.test(tag('stateless') ?? '')) return true;
  return ['tier', 'role', 'app-tier'].some(k =>
    STATELESS_TIERS.test(tag(k) ?? ''),
  );
}
