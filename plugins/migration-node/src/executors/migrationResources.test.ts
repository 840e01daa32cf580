import type { JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { resourceToEntity } from '../catalog';
import { createMockTaskContext } from './createMockTaskContext';
import { PermanentTaskError } from './errors';
import { readMigrationResources } from './migrationResources';

const vm: DiscoveredResource = {
  provider: 'inventory',
  environmentId: 'dc1',
  externalId: 'vm-42',
  kind: 'vm',
  name: 'Web-01',
  specs: { vcpus: 2, memoryMiB: 4096 },
  tags: {},
  dependsOn: [],
};

function snapshot(entities: unknown[]): Record<string, JsonValue> {
  return {
    [MIGRATION_ARTIFACTS.planEntities.name]: {
      capturedAt: '2026-11-20T10:00:00.000Z',
      selectedRefs: [],
      entities: JSON.parse(JSON.stringify(entities)),
    },
  };
}

describe('readMigrationResources', () => {
  it('pairs each captured entity with the resource discovery made of it', async () => {
    const system = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'WebShop', namespace: 'Shop' },
    };
    const { ctx } = createMockTaskContext({
      artifacts: snapshot([resourceToEntity(vm), system]),
    });
    const [machine, container] = await readMigrationResources(ctx.artifacts);
    expect(machine.resource).toMatchObject({
      externalId: 'vm-42',
      name: 'Web-01',
    });
    expect(machine.entityRef).toBe(
      `resource:default/${machine.entity.metadata.name}`.toLowerCase(),
    );
    expect(container.entityRef).toBe('system:shop/webshop');
    expect(container.resource).toBeUndefined();
    expect(container.notDiscovered).toContain('not created by SirsiNexus');
  });

  it('fails for good without the snapshot unless it is optional', async () => {
    const { ctx } = createMockTaskContext();
    const error = await readMigrationResources(ctx.artifacts).catch(e => e);
    expect(error).toBeInstanceOf(PermanentTaskError);
    expect(error.message).toBe(
      'The plan-entities.json artifact of the plan phase is missing; the catalog snapshot must run first',
    );
    expect(
      await readMigrationResources(ctx.artifacts, { optional: true }),
    ).toEqual([]);
  });

  it('refuses a snapshot that breaks the phase contract', async () => {
    const { ctx } = createMockTaskContext({
      artifacts: {
        [MIGRATION_ARTIFACTS.planEntities.name]: { entities: [] },
      },
    });
    await expect(readMigrationResources(ctx.artifacts)).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^plan-entities\.json does not match/),
    });
  });
});
