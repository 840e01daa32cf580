import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  RESOURCE_ANNOTATIONS,
  isResourceKind,
  type DiscoveredResource,
  type ResourceSpecsAnnotation,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Reads a discovered resource back from a catalog entity made by {@link resourceToEntity}, for
 * example when the migration engine plans the resources a migration names by entity ref.
 *
 * @throws InputError naming the entity and the annotation when the entity was not made by
 * discovery or its annotations are damaged.
 *
 * @public
 */
export function entityToDiscoveredResource(entity: Entity): DiscoveredResource {
  const ref = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const required = (key: string) => {
    const value = annotations[key];
    if (!value) {
      throw new InputError(
        `Entity ${ref} has no ${key} annotation; it was not created by SirsiNexus discovery`,
      );
    }
    return value;
  };

  const provider = required(RESOURCE_ANNOTATIONS.provider);
  const environmentId = required(RESOURCE_ANNOTATIONS.environment);
  const externalId = required(RESOURCE_ANNOTATIONS.externalId);
  const rawSpecs = required(RESOURCE_ANNOTATIONS.specs);

  let parsed: ResourceSpecsAnnotation;
  try {
    parsed = JSON.parse(rawSpecs);
  } catch (error) {
    throw new InputError(
      `Entity ${ref} has an ${RESOURCE_ANNOTATIONS.specs} annotation that is not valid JSON`,
      error,
    );
  }
  if (
    !parsed ||
    typeof parsed !== 'object' ||
    !isResourceKind(parsed.kind) ||
    typeof parsed.specs !== 'object' ||
    parsed.specs === null
  ) {
    throw new InputError(
      `Entity ${ref} has an ${RESOURCE_ANNOTATIONS.specs} annotation without a valid kind and specs`,
    );
  }

  const resource: DiscoveredResource = {
    provider,
    environmentId,
    externalId,
    kind: parsed.kind,
    name: entity.metadata.title ?? entity.metadata.name,
    specs: parsed.specs,
    tags: parsed.tags ?? {},
    dependsOn: Array.isArray(parsed.dependsOn) ? parsed.dependsOn : [],
  };
  const region = annotations[RESOURCE_ANNOTATIONS.region];
  if (region) resource.region = region;
  if (parsed.zone) resource.zone = parsed.zone;
  if (parsed.utilization) resource.utilization = parsed.utilization;
  return resource;
}
