import type { ResourceEntity } from '@backstage/catalog-model';
import {
  RESOURCE_ANNOTATIONS,
  RESOURCE_ENTITY_TYPES,
  type DiscoveredResource,
  type ResourceSpecsAnnotation,
} from '@sirsi-nexus/plugin-migration-common';
import { resourceEntityName, resourceEntityRef } from './entityName';

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
  const seen = new Set<string>([name]);
  for (const dependency of resource.dependsOn) {
    const dependencyName = resourceEntityName(environmentId, dependency);
    if (!seen.has(dependencyName)) {
      seen.add(dependencyName);
      dependsOn.push(resourceEntityRef(environmentId, dependency));
    }
  }

  const specsAnnotation: ResourceSpecsAnnotation = {
    v: 1,
    kind: resource.kind,
    specs: resource.specs,
  };
  if (resource.utilization) specsAnnotation.utilization = resource.utilization;
  if (resource.zone) specsAnnotation.zone = resource.zone;
  if (Object.keys(resource.tags).length > 0)
    specsAnnotation.tags = resource.tags;
  if (resource.dependsOn.length > 0) {
    specsAnnotation.dependsOn = resource.dependsOn;
  }

  const annotations: Record<string, string> = {
    ...environment.annotations,
    [RESOURCE_ANNOTATIONS.provider]: String(resource.provider),
    [RESOURCE_ANNOTATIONS.environment]: environmentId,
    [RESOURCE_ANNOTATIONS.externalId]: externalId,
    [RESOURCE_ANNOTATIONS.specs]: JSON.stringify(specsAnnotation),
  };
  if (resource.region) {
    annotations[RESOURCE_ANNOTATIONS.region] = resource.region;
  }

  const entity: ResourceEntity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      title: resource.name,
      description: describe(resource),
      annotations,
      tags: entityTags(resource),
    },
    spec: {
      type: RESOURCE_ENTITY_TYPES[resource.kind] ?? resource.kind,
      owner: ownerOf(resource, environment),
      dependsOn,
    },
  };
  const system = systemOf(resource);
  if (system) entity.spec.system = system;
  return entity;
}

function tag(resource: DiscoveredResource, ...keys: string[]) {
  for (const [key, value] of Object.entries(resource.tags)) {
    if (keys.includes(key.toLowerCase()) && value.trim()) return value.trim();
  }
  return undefined;
}

/** An entity ref of `kind` from a tag value such as `team-webshop` or `group:default/team-webshop`. */
function refFromTag(value: string, kind: string): string | undefined {
  const match = /^(?:([a-z]+):)?(?:([a-z0-9._-]+)\/)?(.+)$/i.exec(value);
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

function ownerOf(
  resource: DiscoveredResource,
  environment: ResourceEntityEnvironment,
): string {
  const owner = tag(resource, 'owner');
  return (
    (owner && refFromTag(owner, 'group')) ?? environment.owner ?? UNKNOWN_OWNER
  );
}

function systemOf(resource: DiscoveredResource): string | undefined {
  const system = tag(resource, 'system', 'app', 'application');
  return system ? refFromTag(system, 'system') : undefined;
}

function entityTags(resource: DiscoveredResource): string[] {
  const tags = [String(resource.provider).toLowerCase()];
  const family = resource.specs.os?.family;
  if (family && family !== 'other') tags.push(family);
  return tags.filter(t => t.length <= 63 && ENTITY_TAG.test(t));
}

function describe(resource: DiscoveredResource): string {
  const { specs } = resource;
  const parts: string[] = [];
  if (specs.os?.name) parts.push(specs.os.name);
  if (specs.instanceType) parts.push(specs.instanceType);
  if (specs.vcpus) parts.push(`${specs.vcpus} vCPU`);
  if (specs.memoryMiB)
    parts.push(`${formatGiB(specs.memoryMiB / 1024)} GiB RAM`);
  const diskGiB = (specs.disks ?? []).reduce((sum, d) => sum + d.sizeGiB, 0);
  if (diskGiB > 0) parts.push(`${formatGiB(diskGiB)} GiB disk`);
  if (specs.cidrBlocks?.length) parts.push(specs.cidrBlocks.join(', '));
  if (specs.storageGiB) parts.push(`${formatGiB(specs.storageGiB)} GiB`);
  if (specs.powerState) parts.push(specs.powerState);
  const where = [resource.region, resource.zone].filter(Boolean).join('/');
  const head = `${resource.kind} in ${resource.environmentId}${
    where ? ` (${where})` : ''
  }`;
  return parts.length > 0 ? `${head}: ${parts.join(' · ')}` : head;
}

function formatGiB(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
