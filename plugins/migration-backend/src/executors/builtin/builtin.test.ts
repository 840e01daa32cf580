import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  RESOURCE_ANNOTATIONS,
  type EnvironmentCheck,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createMockTaskContext,
  type CloudProvider,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import { createBuiltinExecutors } from '.';
import { createEnvironmentExecutor } from './environment';
import { createOptimizeExecutor } from './optimize';
import { createPlanExecutor } from './plan';
import { createBuildExecutor } from './rehearsal';
import { createSpecifyExecutor } from './specify';
import { createSupportExecutor } from './support';
import { createTestExecutor } from './test';
import { createValidateExecutor } from './validate';

function vm(
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

const web = vm('web-01', {
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
const db = vm('db-01', {
  v: 1,
  kind: 'vm',
  specs: {
    vcpus: 8,
    memoryMiB: 32768,
    disks: [{ sizeGiB: 500 }, { sizeGiB: 200 }],
  },
  utilization: { cpuP95: 70, memP95: 80 },
});
const idle = vm('old-01', {
  v: 1,
  kind: 'vm',
  specs: { vcpus: 2, memoryMiB: 4096, powerState: 'poweredOff' },
});
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', namespace: 'default' },
  spec: { owner: 'group:default/team-webshop' },
};

function planArtifact(entities: Entity[]): PlanEntitiesArtifact {
  return {
    capturedAt: new Date().toISOString(),
    selectedRefs: entities.map(
      e => `${e.kind.toLowerCase()}:default/${e.metadata.name}`,
    ),
    entities: entities as any,
  };
}

describe('built-in executors', () => {
  it('cover all nine phases, one executor each', () => {
    const executors = createBuiltinExecutors({
      providers: { get: () => undefined, list: () => [] },
      recorder: { recordEnvironmentValidation: async () => {} },
      catalog: catalogServiceMock(),
      auth: mockServices.auth(),
    });
    expect(executors.map(e => e.phase)).toEqual([
      'environment',
      'plan',
      'specify',
      'test',
      'build',
      'transfer',
      'validate',
      'optimize',
      'support',
    ]);
    expect(new Set(executors.map(e => e.taskType)).size).toBe(9);
  });

  describe('environment', () => {
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

  describe('plan', () => {
    it('snapshots the selected entities and the resources of selected systems', async () => {
      const catalog = catalogServiceMock({ entities: [web, db, idle, system] });
      const executor = createPlanExecutor({
        catalog,
        auth: mockServices.auth(),
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
    });

    it('fails for good on refs the catalog does not know', async () => {
      const executor = createPlanExecutor({
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
        message:
          'These entities are not in the catalog: resource:default/ghost',
      });
    });
  });

  it('specify sums what moves', async () => {
    const { ctx, readJson } = createMockTaskContext({
      artifacts: {
        'plan-entities.json': planArtifact([
          web,
          db,
          vm('bare', undefined),
        ]) as any,
      },
    });
    expect(await createSpecifyExecutor().run(ctx)).toEqual({
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

  it('specify fails clearly without the plan artifact', async () => {
    const { ctx } = createMockTaskContext();
    await expect(createSpecifyExecutor().run(ctx)).rejects.toThrow(
      'The plan-entities.json artifact of the plan phase is missing',
    );
  });

  it('test warns about unowned entities and past windows, and fails on an empty plan', async () => {
    const unowned = vm('stray', undefined, { owner: undefined });
    const { ctx, readJson } = createMockTaskContext({
      migration: {
        options: {
          maintenanceWindows: ['2020-01-01T00:00:00Z/2020-01-01T04:00:00Z'],
        },
      },
      artifacts: { 'plan-entities.json': planArtifact([web, unowned]) as any },
    });
    expect(await createTestExecutor().run(ctx)).toEqual({
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
      artifacts: { 'plan-entities.json': planArtifact([]) as any },
    });
    await expect(createTestExecutor().run(empty.ctx)).rejects.toMatchObject({
      name: 'PermanentTaskError',
    });
  });

  it('build records a rehearsal and its compensation records the undo', async () => {
    const executor = createBuildExecutor();
    const { ctx, readJson } = createMockTaskContext({
      artifacts: { 'plan-entities.json': planArtifact([web, db]) as any },
    });
    expect(await executor.run(ctx)).toEqual({ rehearsal: true, actions: 2 });
    expect(await readJson('build-plan.json')).toMatchObject({
      rehearsal: true,
      actions: [
        {
          entityRef: 'resource:default/web-01',
          action:
            'provision a aws counterpart of resource:default/web-01 in eu-west-1',
        },
        expect.anything(),
      ],
    });
    const undo = createMockTaskContext({
      compensates: {
        taskId: 't-build',
        output: { rehearsal: true, actions: 2 },
      },
    });
    expect(await executor.compensate!(undo.ctx)).toEqual({
      rehearsal: true,
      undone: 2,
    });
    expect(await undo.readJson('build-plan-rollback.json')).toMatchObject({
      undoneTask: 't-build',
    });
  });

  it('validate checks coverage of the build and transfer records', async () => {
    const { ctx, readJson } = createMockTaskContext({
      artifacts: {
        'plan-entities.json': planArtifact([web, db]) as any,
        'build-plan.json': {
          rehearsal: false,
          actions: [
            { entityRef: 'resource:default/web-01' },
            { entityRef: 'resource:default/db-01' },
          ],
        },
        'transfer-plan.json': {
          rehearsal: false,
          actions: [{ entityRef: 'resource:default/web-01' }],
        },
      },
    });
    expect(await createValidateExecutor().run(ctx)).toEqual({
      passed: 1,
      warnings: 0,
      failed: 1,
    });
    const report = (await readJson('validation.json')) as any;
    expect(report.checks[1]).toMatchObject({
      id: 'transfer-coverage',
      status: 'fail',
      message: '1 not covered: resource:default/db-01',
    });
  });

  it('optimize recommends from utilization and power state', async () => {
    const { ctx, readJson } = createMockTaskContext({
      artifacts: { 'plan-entities.json': planArtifact([web, db, idle]) as any },
    });
    expect(await createOptimizeExecutor().run(ctx)).toEqual({
      recommendations: 3,
    });
    const report = (await readJson('optimization.json')) as any;
    expect(
      report.recommendations.map((r: any) => [r.entityRef, r.category]),
    ).toEqual([
      ['resource:default/web-01', 'rightsize-cpu'],
      ['resource:default/web-01', 'rightsize-memory'],
      ['resource:default/old-01', 'decommission'],
    ]);
  });

  it('support records the hand-over configuration', async () => {
    const { ctx, readJson } = createMockTaskContext({
      migration: { options: { complianceProfile: 'gdpr' } },
      artifacts: { 'plan-entities.json': planArtifact([web]) as any },
    });
    expect(await createSupportExecutor().run(ctx)).toEqual({ entities: 1 });
    expect(await readJson('support.json')).toMatchObject({
      owner: 'group:default/team-a',
      complianceProfile: 'gdpr',
      entities: ['resource:default/web-01'],
      monitoring: { configured: false },
    });
  });
});
