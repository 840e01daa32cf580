import { createMockTaskContext } from '@sirsi-nexus/plugin-migration-node';
import {
  capturedArtifacts,
  dbVm as db,
  vmEntity as vm,
  webVm as web,
} from '../../__testUtils__/capturedEntities';
import { createSpecifySummaryExecutor } from './createSpecifySummaryExecutor';

describe('createSpecifySummaryExecutor', () => {
  it('sums what moves', async () => {
    const { ctx, readJson } = createMockTaskContext({
      artifacts: capturedArtifacts([web, db, vm('bare', undefined)]),
    });
    expect(await createSpecifySummaryExecutor().run(ctx)).toEqual({
      entities: 3,
      vcpus: 12,
      memoryMiB: 40960,
      diskGiB: 800,
    });
    expect(await readJson('specify-summary.json')).toMatchObject({
      byType: { 'virtual-machine': 3 },
      resourcesWithoutSpecs: ['resource:default/bare'],
    });
  });

  it('fails clearly without the plan artifact', async () => {
    const { ctx } = createMockTaskContext();
    await expect(createSpecifySummaryExecutor().run(ctx)).rejects.toThrow(
      'The plan-entities.json artifact of the plan phase is missing',
    );
  });
});
