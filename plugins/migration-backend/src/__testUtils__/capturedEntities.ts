import type { Entity } from '@backstage/catalog-model';
import type { JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  RESOURCE_ANNOTATIONS,
} from '@sirsi-nexus/plugin-migration-common';

/** A Resource entity of a virtual machine with a specs annotation (none when `specs` is undefined). */
export function vmEntity(
  name: string,
  specs: Record<string, unknown> | undefined,
  extra: Record<string, unknown> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      namespace: 'default',
      annotations: specs
        ? { [RESOURCE_ANNOTATIONS.specs]: JSON.stringify(specs) }
        : {},
    },
    spec: {
      type: 'virtual-machine',
      owner: 'group:default/team-webshop',
      system: 'webshop',
      ...extra,
    },
  };
}

export const webVm = vmEntity('web-01', {
  v: 1,
  kind: 'vm',
  specs: {
    vcpus: 4,
    memoryMiB: 8192,
    disks: [{ sizeGiB: 100 }],
    powerState: 'poweredOn',
  },
  utilization: { cpuP95: 12, memP95: 25 },
});

export const dbVm = vmEntity('db-01', {
  v: 1,
  kind: 'vm',
  specs: {
    vcpus: 8,
    memoryMiB: 32768,
    disks: [{ sizeGiB: 500 }, { sizeGiB: 200 }],
  },
  utilization: { cpuP95: 70, memP95: 80 },
});

export const idleVm = vmEntity('old-01', {
  v: 1,
  kind: 'vm',
  specs: { vcpus: 2, memoryMiB: 4096, powerState: 'poweredOff' },
});

export const webshopSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', namespace: 'default' },
  spec: { owner: 'group:default/team-webshop' },
};

/** The artifacts of a plan phase that captured these entities. */
export function capturedArtifacts(
  entities: Entity[],
): Record<string, JsonValue> {
  return {
    [MIGRATION_ARTIFACTS.planEntities.name]: {
      capturedAt: new Date().toISOString(),
      selectedRefs: entities.map(
        e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
      ),
      entities: JSON.parse(JSON.stringify(entities)),
    },
  };
}
