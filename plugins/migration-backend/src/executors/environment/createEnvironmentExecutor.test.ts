import type { EnvironmentCheck } from '@sirsi-nexus/plugin-migration-common';
import {
  createMockTaskContext,
  type CloudProvider,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import { createEnvironmentExecutor } from './createEnvironmentExecutor';

describe('createEnvironmentExecutor', () => {
  function lookup(
    checks: Record<string, EnvironmentCheck[]>,
  ): CloudProviderLookup {
    const providers: CloudProvider[] = Object.entries(checks).map(
      ([environmentId, result]) => ({
        id: environmentId === 'aws-prod' ? 'aws' : 'inventory',
        environmentId,
        validate: async () => result,
        async *discover() {},
      }),
    );
    return {
      get: id => providers.find(p => p.environmentId === id),
      list: () => providers,
    };
  }

  it('plans the source and the target environment', async () => {
    const executor = createEnvironmentExecutor({
      providers: lookup({}),
      recorder: { recordEnvironmentValidation: async () => {} },
    });
    const { ctx } = createMockTaskContext({
      migration: {
        target: {
          provider: 'aws',
          region: 'eu-west-1',
          environmentId: 'aws-prod',
        },
      },
    });
    expect(await executor.plan(ctx)).toEqual([
      expect.objectContaining({
        key: 'environment.validate:dc1',
        input: { environmentId: 'dc1', role: 'source' },
      }),
      expect.objectContaining({
        key: 'environment.validate:aws-prod',
        input: { environmentId: 'aws-prod', role: 'target' },
      }),
    ]);
  });

  it('records the checks, stores them as an artifact and fails on a failed check', async () => {
    const recorded: unknown[] = [];
    const executor = createEnvironmentExecutor({
      providers: lookup({
        dc1: [
          {
            id: 'csv',
            title: 'Inventory readable',
            status: 'pass',
            message: 'ok',
          },
        ],
        'aws-prod': [
          {
            id: 'creds',
            title: 'Credentials',
            status: 'fail',
            message: 'ExpiredToken',
            remediation: 'Refresh the role session',
          },
        ],
      }),
      recorder: {
        recordEnvironmentValidation: async v => void recorded.push(v),
      },
    });
    const ok = createMockTaskContext({
      input: { environmentId: 'dc1', role: 'source' },
    });
    expect(await executor.run(ok.ctx)).toEqual({
      environmentId: 'dc1',
      passed: 1,
      warnings: 0,
    });
    expect(await ok.readJson('environment-dc1.json')).toMatchObject({
      environmentId: 'dc1',
      checks: [{ id: 'csv', status: 'pass' }],
    });

    const bad = createMockTaskContext({
      input: { environmentId: 'aws-prod', role: 'target' },
    });
    await expect(executor.run(bad.ctx)).rejects.toThrow(
      'aws-prod failed 1 check(s): Credentials: ExpiredToken (Refresh the role session)',
    );
    expect(recorded).toHaveLength(2);

    const missing = createMockTaskContext({
      input: { environmentId: 'gone' },
    });
    await expect(executor.run(missing.ctx)).rejects.toMatchObject({
      name: 'PermanentTaskError',
    });
  });
});
