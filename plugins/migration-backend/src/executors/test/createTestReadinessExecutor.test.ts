import { createMockTaskContext } from '@sirsi-nexus/plugin-migration-node';
import {
  capturedArtifacts,
  vmEntity as vm,
  webVm as web,
} from '../../__testUtils__/capturedEntities';
import { createTestReadinessExecutor } from './createTestReadinessExecutor';

describe('createTestReadinessExecutor', () => {
  it('warns about unowned entities and past windows, and fails on an empty plan', async () => {
    const unowned = vm('stray', undefined, { owner: undefined });
    const { ctx, readJson } = createMockTaskContext({
      migration: {
        options: {
          maintenanceWindows: ['2020-01-01T00:00:00Z/2020-01-01T04:00:00Z'],
        },
      },
      artifacts: capturedArtifacts([web, unowned]),
    });
    expect(await createTestReadinessExecutor().run(ctx)).toEqual({
      checks: 3,
      warnings: 2,
    });
    const report = (await readJson('readiness-checks.json')) as any;
    expect(report.checks.map((c: any) => [c.id, c.status])).toEqual([
      ['entities', 'pass'],
      ['owners', 'warn'],
      ['maintenance-window', 'warn'],
    ]);
    const empty = createMockTaskContext({
      artifacts: capturedArtifacts([]),
    });
    await expect(
      createTestReadinessExecutor().run(empty.ctx),
    ).rejects.toMatchObject({
      name: 'PermanentTaskError',
    });
  });
});
