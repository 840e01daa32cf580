import type { ResourceEntity } from '@backstage/catalog-model';
import {
  RESOURCE_ANNOTATIONS,
  RESOURCE_ENTITY_TYPES,
  type DiscoveredResource,
  type ResourceSpecsAnnotation,
} from '@sirsi-nexus/plugin-migration-common';
import { resourceEntityName } from './entityName';

/**
 * What the mapping needs to know about the environment a resource came from.
 *
 * @public
 */
export interface ResourceEntityEnvironment {
  /** Owner entity ref used when the resource has no `owner` tag. */
  owner?: string;
  /** Extra annotations for every entity, e.g. `backstage.io/managed-by-location`. */
  annotations?: Record<string, string>;
}

/** Owner of resources when neither a tag nor the environment names one. */
const UNKNOWN_OWNER = 'group:default/unknown';
const ENTITY_NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
const ENTITY_TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;
const PLAIN_REF = /^(?:([a-z]+):)?(?:([a-z0-9._-]+)\/)?(.+)$/i;
const FAMILY_TAGS = { windows: 'windows', linux: 'linux' } as const;

/**
 * Maps a discovered resource to a catalog `Resource` entity.
 *
 * @remarks
 * `metadata.name` is {@link resourceEntityName}; `spec.owner` comes from an `owner` tag or the
 * environment's owner; `spec.system` from a `system`, `app` or `application` tag; `spec.dependsOn`
 * lists the entity refs of the dependencies. The annotation `sirsi-nexus.io/specs` keeps the
 * normalised specs, utilization, tags and dependency ids for assessments; see
 * {@link entityToDiscoveredResource} for the way back.
 *
 * @public
 */
export function resourceToEntity(
  resource: DiscoveredResource,
  environment: ResourceEntityEnvironment = {},
): ResourceEntity {
  const { environmentId, externalId } = resource;
  const name = resourceEntityName(environmentId, externalId);

  const dependsOn: string[] = [];
  const names: string[] = [name];
  for (const dependency of resource.dependsOn) {
    const dependencyName = resourceEntityName(environmentId, dependency);
    if (!names.includes(dependencyName)) {
      names.push(dependencyName);
      dependsOn.push(`resource:default/${dependencyName}`);
    }
  }

  const specsAnnotation: ResourceSpecsAnnotation = {
    v: 1,
    kind: resource.kind,
    specs: resource.specs,
  };
  if (resource.utilization) specsAnnotation.utilization = resource.utilization;
  if (resource.zone) specsAnnotation.zone = resource.zone;
  let owner: string | undefined;
  let system: string | undefined;
  let hasTags = false;
  for (const key in resource.tags) {
    if (!Object.prototype.hasOwnProperty.call(resource.tags, key)) continue;
    hasTags = true;
    const lower = key.toLowerCase();
    if (lower === 'owner') owner ??= resource.tags[key].trim() || undefined;
    else if (lower === 'system' || lower === 'app' || lower === 'application') {
      system ??= resource.tags[key].trim() || undefined;
    }
  }
  if (hasTags) specsAnnotation.tags = resource.tags;
  if (resource.dependsOn.length > 0) {
    specsAnnotation.dependsOn = resource.dependsOn;
  }

  const annotations: Record<string, string> = {
    ...environment.annotations,
    [RESOURCE_ANNOTATIONS.provider]: String(resource.provider),
    [RESOURCE_ANNOTATIONS.environment]: environmentId,
    [RESOURCE_ANNOTATIONS.externalId]: detach(externalId),
    [RESOURCE_ANNOTATIONS.specs]: JSON.stringify(specsAnnotation),
  };
  if (resource.region) {
    annotations[RESOURCE_ANNOTATIONS.region] = detach(resource.region);
  }

  const entity: ResourceEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      title: detach(resource.name),
      description: detach(describe(resource)),
      annotations,
      tags: entityTags(resource),
    },
    spec: {
      type: RESOURCE_ENTITY_TYPES[resource.kind] ?? resource.kind,
      owner:
        (owner && refFromTag(owner, 'group')) ??
        environment.owner ??
        UNKNOWN_OWNER,
      dependsOn,
    },
  };
  const systemRef = system && refFromTag(system, 'system');
  if (systemRef) entity.spec.system = systemRef;
  return entity;
}

/**
 * A copy of a string that shares no memory with the text it was cut from: values sliced from a
 * large CSV chunk would otherwise keep the whole chunk alive for as long as the entity lives.
 */
function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}

/** An entity ref of `kind` from a tag value such as `team-webshop` or `group:default/team-webshop`. */
function refFromTag(value: string, kind: string): string | undefined {
  if (ENTITY_NAME.test(value)) return `${kind}:default/${value}`;
  const match = PLAIN_REF.exec(value);
  if (!match) return undefined;
  const [, refKind, namespace, rawName] = match;
  const name = rawName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (!ENTITY_NAME.test(name)) return undefined;
  return `${(refKind ?? kind).toLowerCase()}:${(
    namespace ?? 'default'
  ).toLowerCase()}/${name}`;
}

function entityTags(resource: DiscoveredResource): string[] {
  const provider = String(resource.provider);
  const tags: string[] = [];
  if (ENTITY_TAG.test(provider) && provider.length <= 63) tags.push(provider);
  const family = resource.specs.os?.family;
  if (family === 'windows' || family === 'linux') {
    tags.push(FAMILY_TAGS[family]);
  }
  return tags;
}

function describe(resource: DiscoveredResource): string {
  const { specs } = resource;
  let text = `${resource.kind} in ${resource.environmentId}`;
  if (resource.region && resource.zone) {
    text += ` (${resource.region}/${resource.zone})`;
  } else if (resource.region || resource.zone) {
    text += ` (${resource.region ?? resource.zone})`;
  }
  let sep = ': ';
  const add = (part: string) => {
    text += sep + part;
    sep = ' · ';
  };
  if (specs.os?.name) add(specs.os.name);
  if (specs.instanceType) add(specs.instanceType);
  if (specs.vcpus) add(`${specs.vcpus} vCPU`);
  if (specs.memoryMiB) add(`${formatGiB(specs.memoryMiB / 1024)} GiB RAM`);
  let diskGiB = 0;
  for (const disk of specs.disks ?? []) diskGiB += disk.sizeGiB;
  if (diskGiB > 0) add(`${formatGiB(diskGiB)} GiB disk`);
  if (specs.cidrBlocks?.length) add(specs.cidrBlocks.join(', '));
  if (specs.storageGiB) add(`${formatGiB(specs.storageGiB)} GiB`);
  if (specs.powerState) add(specs.powerState);
  return text;
}

function formatGiB(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
