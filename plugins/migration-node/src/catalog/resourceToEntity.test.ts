import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { resourceEntityName } from './entityName';
import { resourceToEntity } from './resourceToEntity';
import { entityToDiscoveredResource } from './entityToDiscoveredResource';
import { validateResourceEntity } from './validateResourceEntity';

const vm: DiscoveredResource = {
  provider: 'inventory',
  environmentId: 'dc1',
  externalId: 'shop-web-01',
  kind: 'vm',
  name: 'SHOP-WEB-01',
  region: 'fra-dc1',
  specs: {
    vcpus: 4,
    memoryMiB: 16384,
    disks: [{ sizeGiB: 80, usedGiB: 41.5, type: 'thin' }],
    os: {
      family: 'windows',
      name: 'Microsoft Windows Server 2012 R2 (64-bit)',
    },
    ipAddresses: ['10.10.1.11'],
    powerState: 'poweredOn',
  },
  tags: { Owner: 'team-webshop', App: 'Webshop', Tier: 'web' },
  dependsOn: ['shop-app-01', 'shop-app-01', 'shop-web-01', 'sql-clu-01'],
  utilization: { cpuP95: 38, memP95: 71, samples: 8640, window: 'P30D' },
};

describe('resourceToEntity', () => {
  it('maps a VM to a Resource entity the catalog accepts', async () => {
    const entity = resourceToEntity(vm, { owner: 'group:default/ops' });
    await expect(validateResourceEntity(entity)).resolves.toBeTruthy();

    expect(entity.metadata.name).toBe('dc1-shop-web-01');
    expect(entity.metadata.title).toBe('SHOP-WEB-01');
    expect(entity.spec.type).toBe('virtual-machine');
    expect(entity.spec.owner).toBe('group:default/team-webshop');
    expect(entity.spec.system).toBe('system:default/webshop');
    expect(entity.spec.dependsOn).toEqual([
      'resource:default/dc1-shop-app-01',
      'resource:default/dc1-sql-clu-01',
    ]);
    expect(entity.metadata.annotations).toMatchObject({
      'sirsi-nexus.io/provider': 'inventory',
      'sirsi-nexus.io/environment': 'dc1',
      'sirsi-nexus.io/external-id': 'shop-web-01',
      'sirsi-nexus.io/region': 'fra-dc1',
    });
    expect(entity.metadata.tags).toEqual(['inventory', 'windows']);
    expect(entity.metadata.description).toContain('4 vCPU');
  });

  it('falls back to the environment owner, then to unknown', () => {
    const untagged = { ...vm, tags: {} };
    expect(
      resourceToEntity(untagged, { owner: 'group:default/ops' }).spec.owner,
    ).toBe('group:default/ops');
    expect(resourceToEntity(untagged).spec.owner).toBe('group:default/unknown');
    expect(resourceToEntity(untagged).spec.system).toBeUndefined();
  });

  it('keeps owner refs given in full and ignores owner tags that cannot be a name', () => {
    expect(
      resourceToEntity({ ...vm, tags: { owner: 'user:default/jdoe' } }).spec
        .owner,
    ).toBe('user:default/jdoe');
    expect(
      resourceToEntity(
        { ...vm, tags: { owner: '???' } },
        { owner: 'group:default/ops' },
      ).spec.owner,
    ).toBe('group:default/ops');
  });

  it('round-trips through entityToDiscoveredResource', () => {
    const back = entityToDiscoveredResource(resourceToEntity(vm));
    expect(back).toEqual({ ...vm, name: 'SHOP-WEB-01' });
  });

  it('gives long and lossy cloud ids a valid, unique, stable name', async () => {
    const armId =
      '/subscriptions/0b1f6471-1bf0-4dda-aec3-111122223333/resourceGroups/RG-Shop/providers/Microsoft.Compute/virtualMachines/shop-web-01';
    const name = resourceEntityName('azure-prod', armId);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(/^azure-prod-.*shop-web-01-[0-9a-f]{8}$/);
    expect(resourceEntityName('azure-prod', armId.toUpperCase())).toBe(name);
    expect(resourceEntityName('azure-prod', `${armId}x`)).not.toBe(name);
    expect(resourceEntityName('dc1', 'web 01')).not.toBe(
      resourceEntityName('dc1', 'web-01'),
    );

    const entity = resourceToEntity({
      ...vm,
      provider: 'azure',
      environmentId: 'azure-prod',
      externalId: armId,
      dependsOn: [`${armId}/disks/os`],
    });
    await expect(validateResourceEntity(entity)).resolves.toBeTruthy();
  });

  it('maps every kind to a valid entity', async () => {
    for (const kind of [
      'disk',
      'network',
      'subnet',
      'security-group',
      'load-balancer',
      'database',
      'bucket',
    ] as const) {
      const entity = resourceToEntity({
        ...vm,
        kind,
        specs: { cidrBlocks: ['10.0.0.0/16'] },
        tags: {},
      });
      await expect(validateResourceEntity(entity)).resolves.toBeTruthy();
    }
  });
});

describe('validateResourceEntity', () => {
  it('rejects what the catalog would reject, naming the entity', async () => {
    const entity = resourceToEntity(vm);
    await expect(
      validateResourceEntity({
        ...entity,
        metadata: { ...entity.metadata, name: 'Not A Name!' },
      }),
    ).rejects.toThrow(/Not A Name!.*not valid/);
    await expect(
      validateResourceEntity({ ...entity, spec: { ...entity.spec, owner: 7 } }),
    ).rejects.toThrow(/dc1-shop-web-01 is not valid/);
  });
});

describe('entityToDiscoveredResource', () => {
  it('names the entity and the annotation when it cannot read one back', () => {
    const entity = resourceToEntity(vm);
    const damaged = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'sirsi-nexus.io/specs': '{not json',
        },
      },
    };
    expect(() => entityToDiscoveredResource(damaged)).toThrow(
      'Entity resource:default/dc1-shop-web-01 has an sirsi-nexus.io/specs annotation that is not valid JSON',
    );
    expect(() =>
      entityToDiscoveredResource({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'db' },
      }),
    ).toThrow(
      /resource:default\/db has no sirsi-nexus.io\/provider annotation/,
    );
  });
});
