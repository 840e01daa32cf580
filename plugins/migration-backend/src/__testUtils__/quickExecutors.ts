import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';
import {
  migrationCloudProvidersExtensionPoint,
  migrationExecutorsExtensionPoint,
  PermanentTaskError,
} from '@sirsi-nexus/plugin-migration-node';
import { fakeCloudProviderFactory } from '@sirsi-nexus/plugin-migration-node/testUtils';

/** A secret the failing task puts in its error; it must never reach a notification or an agent. */
export const SECRET = 'hunter2-s3cr3t';

/**
 * Every built-in task type replaced by a quick one: the plan writes an assessment of 13 resources
 * in 3 waves; a migration titled "Failing …" fails in the test phase with a secret in its error and
 * writes readiness checks with a remediation; one titled "Slow …" runs its environment task until it
 * is paused or cancelled. Also adds the `fake` cloud provider.
 */
export const quickExecutors = createBackendModule({
  pluginId: 'migration',
  moduleId: 'test-quick-executors',
  register(reg) {
    reg.registerInit({
      deps: {
        executors: migrationExecutorsExtensionPoint,
        providers: migrationCloudProvidersExtensionPoint,
      },
      async init({ executors, providers }) {
        providers.addProviderFactory('fake', fakeCloudProviderFactory());
        for (const taskType of Object.values(TASK_TYPES)) {
          const phase = taskType.split('.')[0] as MigrationPhase;
          executors.addExecutor({
            phase,
            taskType,
            plan: () => [{ key: taskType, title: `Quick ${taskType}` }],
            async run(ctx) {
              if (
                taskType === TASK_TYPES.environmentValidateProviders &&
                ctx.migration.title.startsWith('Slow')
              ) {
                // Runs until it is paused or cancelled.
                await new Promise((_, reject) =>
                  ctx.signal.addEventListener('abort', () =>
                    reject(new Error('stopped')),
                  ),
                );
              }
              if (taskType === TASK_TYPES.planAssess) {
                await ctx.artifacts.put(MIGRATION_ARTIFACTS.assessment.name, {
                  summary: { resources: 13, waves: 3 },
                  cost: { currency: 'USD', total: { onDemand: 1234.56 } },
                });
              }
              if (
                taskType === TASK_TYPES.testCheckReadiness &&
                ctx.migration.title.startsWith('Failing')
              ) {
                await ctx.artifacts.put(
                  MIGRATION_ARTIFACTS.readinessChecks.name,
                  {
                    checkedAt: new Date().toISOString(),
                    checks: [
                      {
                        id: 'target-reachable',
                        title: 'Target reachable',
                        status: 'fail',
                        message: 'eu-west-1 did not answer',
                        remediation:
                          'Open port 443 from the runner to the target VPC',
                      },
                    ],
                  },
                );
                const error = new PermanentTaskError(
                  `Cannot reach the target: password=${SECRET} (Authorization: Bearer abc.def.ghi)`,
                );
                throw error;
              }
              return {};
            },
          });
        }
      },
    });
  },
});
