import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  MIGRATION_PHASES,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createCloudCapabilityLookup,
  createMockTaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { createDefaultExecutors, type DefaultExecutorDeps } from '.';

function deps(config: object = {}): DefaultExecutorDeps {
  const unused = () => {
    throw new Error('not used while planning');
  };
  return {
    config: mockServices.rootConfig({ data: config }),
    logger: mockServices.logger.mock(),
    catalog: catalogServiceMock(),
    auth: mockServices.auth(),
    providers: { get: () => undefined, list: () => [] },
    recorder: { recordEnvironmentValidation: unused },
    executionStore: {
      getSupport: unused,
      saveSupport: unused,
      recordAlerts: unused,
      listAlerts: unused,
      listReportSchedules: unused,
      markReportSent: unused,
    },
    access: {
      getStatus: unused,
      listEvents: unused,
      artifacts: unused,
      putArtifact: unused,
    },
    capabilities: createCloudCapabilityLookup({}),
  };
}

describe('createDefaultExecutors', () => {
  it('covers all nine phases, each task type once, in phase order', () => {
    const executors = createDefaultExecutors(deps());
    const phases = executors.map(e => e.phase);
    expect(new Set(phases)).toEqual(new Set(MIGRATION_PHASES));
    expect(phases).toEqual(
      [...phases].sort(
        (a, b) => MIGRATION_PHASES.indexOf(a) - MIGRATION_PHASES.indexOf(b),
      ),
    );
    const types = executors.map(e => e.taskType);
    expect(new Set(types).size).toBe(types.length);
    expect(new Set(types)).toEqual(new Set(Object.values(TASK_TYPES)));
  });

  it('plans the assessment after the catalog snapshot and the report after the support configuration', async () => {
    const executors = createDefaultExecutors(deps());
    const { ctx } = createMockTaskContext();
    const planned = async (taskType: string) =>
      executors.find(e => e.taskType === taskType)!.plan(ctx);
    expect(await planned(TASK_TYPES.planAssess)).toEqual([
      expect.objectContaining({
        key: TASK_TYPES.planAssess,
        dependsOn: [TASK_TYPES.planSnapshotEntities],
      }),
    ]);
    const [configure] = await planned(TASK_TYPES.supportRecordConfiguration);
    expect(await planned(TASK_TYPES.supportReport)).toEqual([
      expect.objectContaining({ dependsOn: [configure.key] }),
    ]);
  });

  it('plans Terraform before the build gate only with a terraform command, after the IaC bundle', async () => {
    const { ctx } = createMockTaskContext();
    const planner = (config: object) =>
      createDefaultExecutors(deps(config)).find(
        e => e.taskType === TASK_TYPES.testTerraformPlan,
      )!;
    expect(await planner({}).plan(ctx)).toEqual([]);
    expect(
      await planner({
        migration: { iac: { terraformCommand: 'tofu' } },
      }).plan(ctx),
    ).toEqual([
      expect.objectContaining({ dependsOn: [TASK_TYPES.testGenerateIac] }),
    ]);
  });

  it('refuses invalid IaC settings when it is built', () => {
    expect(() =>
      createDefaultExecutors(deps({ migration: { iac: { plan: 'never' } } })),
    ).toThrow('migration.iac.plan must be independent, all or none');
  });
});
