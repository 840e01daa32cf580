import type { MigrationTask } from '@sirsi-nexus/plugin-migration-common';
import { ExecutorRegistry } from '../engine/ExecutorRegistry';
import { planCompensations } from './planCompensations';

function task(
  key: string,
  overrides: Partial<MigrationTask> = {},
): MigrationTask {
  return {
    id: `id-${key}`,
    migrationId: 'm1',
    phase: 'transfer',
    taskType: 'undoable',
    key,
    title: key,
    status: 'succeeded',
    progress: 1,
    attempts: 1,
    maxAttempts: 3,
    dependsOn: [],
    mode: 'run',
    createdAt: '2026-12-01T10:00:00.000Z',
    startedAt: '2026-12-01T10:00:01.000Z',
    ...overrides,
  };
}

describe('planCompensations', () => {
  const registry = new ExecutorRegistry();
  registry.add(
    {
      phase: 'transfer',
      taskType: 'undoable',
      plan: () => [],
      run: async () => ({}),
      compensate: async () => ({}),
    },
    {
      phase: 'transfer',
      taskType: 'plain',
      plan: () => [],
      run: async () => ({}),
    },
  );
  const store = {
    getTaskPayload: async (id: string) => ({ input: { of: id } }),
  };

  it('undoes succeeded, failed and part-way cancelled tasks, newest first, one after another', async () => {
    const planned = await planCompensations({
      store,
      registry,
      defaultMaxAttempts: 3,
      tasks: [
        task('done', { completedAt: '2026-12-01T10:01:00.000Z' }),
        task('failed', {
          status: 'failed',
          completedAt: '2026-12-01T10:02:00.000Z',
        }),
        task('cancelled-mid-way', {
          status: 'cancelled',
          completedAt: '2026-12-01T10:03:00.000Z',
        }),
        // still running when the rollback starts (it closes it): the newest
        task('running', { status: 'running', completedAt: undefined }),
        // never started: nothing to undo
        task('cancelled-before-start', {
          status: 'cancelled',
          startedAt: undefined,
          attempts: 0,
          completedAt: '2026-12-01T10:03:00.000Z',
        }),
        task('skipped', { status: 'skipped' }),
        task('no-compensate', { taskType: 'plain' }),
        // undone by an earlier rollback
        task('undone', { completedAt: '2026-12-01T09:00:00.000Z' }),
        task('undone#compensate', { mode: 'compensate' }),
      ],
    });
    expect(planned.map(c => c.key)).toEqual([
      'running#compensate',
      'cancelled-mid-way#compensate',
      'failed#compensate',
      'done#compensate',
    ]);
    expect(planned.map(c => c.dependsOnTaskIds.length)).toEqual([0, 1, 1, 1]);
    expect(planned[1].dependsOnTaskIds).toEqual([planned[0].id]);
    expect(planned[1]).toMatchObject({
      mode: 'compensate',
      compensatesTaskId: 'id-cancelled-mid-way',
      input: { of: 'id-cancelled-mid-way' },
    });
  });
});
