import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { PlanEntitiesArtifact } from '@sirsi-nexus/plugin-migration-common';
import { createMockTaskContext } from '@sirsi-nexus/plugin-migration-node';
import {
  dbVm as db,
  idleVm as idle,
  webVm as web,
  webshopSystem as system,
} from '../../__testUtils__/capturedEntities';
import { createPlanSnapshotExecutor } from './createPlanSnapshotExecutor';

describe('createPlanSnapshotExecutor', () => {
  it('snapshots the selected entities and the resources of selected systems', async () => {
    const catalog = catalogServiceMock({ entities: [web, db, idle, system] });
    const resourceIndex = {
      replaceMigrationResources: jest.fn(async () => {}),
      setMigrationResourceWaves: jest.fn(async () => {}),
    };
    const executor = createPlanSnapshotExecutor({
      catalog,
      auth: mockServices.auth(),
      resourceIndex,
    });
    const { ctx, readJson } = createMockTaskContext({
      migration: {
        entityRefs: ['system:default/webshop', 'resource:default/web-01'],
      },
    });
    expect(await executor.run(ctx)).toEqual({ selected: 2, captured: 4 });
    const artifact = (await readJson(
      'plan-entities.json',
    )) as PlanEntitiesArtifact;
    expect(artifact.selectedRefs).toEqual([
      'system:default/webshop',
      'resource:default/web-01',
    ]);
    expect(artifact.entities.map(e => e.metadata.name).sort()).toEqual([
      'db-01',
      'old-01',
      'web-01',
      'webshop',
    ]);
    // The migration's indexed resources become the snapshot's, each with the ref it came through.
    expect(resourceIndex.replaceMigrationResources).toHaveBeenCalledTimes(1);
    const [migrationId, resources] = resourceIndex.replaceMigrationResources
      .mock.calls[0] as unknown as [
      string,
      Array<{ entityRef: string; viaRef: string; kind: string }>,
    ];
    expect(migrationId).toBe(ctx.migration.id);
    expect(resources.map(r => [r.entityRef, r.viaRef]).sort()).toEqual([
      ['resource:default/db-01', 'system:default/webshop'],
      ['resource:default/old-01', 'system:default/webshop'],
      ['resource:default/web-01', 'resource:default/web-01'],
      ['system:default/webshop', 'system:default/webshop'],
    ]);
  });

  it('fails for good on refs the catalog does not know', async () => {
    const executor = createPlanSnapshotExecutor({
      catalog: catalogServiceMock({ entities: [web] }),
      auth: mockServices.auth(),
    });
    const { ctx } = createMockTaskContext({
      migration: {
        entityRefs: ['resource:default/web-01', 'resource:default/ghost'],
      },
    });
    await expect(executor.run(ctx)).rejects.toMatchObject({
      name: 'PermanentTaskError',
      message: 'These entities are not in the catalog: resource:default/ghost',
    });
  });
});
