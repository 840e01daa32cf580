import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import {
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { readBundleWaves } from '../build/bundleWaves';
import {
  planWave,
  prepareWorkspace,
  type WavePlan,
} from '../build/terraformWave';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';

/**
 * `test.terraform-plan`: with `migration.iac.terraformCommand`, runs `init` and `plan -out` for
 * every wave of the bundle before the build gate, so the approvers decide on these plans (stored
 * redacted as `terraform-plan-<wave>.json`) and the build applies exactly them.
 *
 * @public
 */
export function createTerraformPlanExecutor(deps: {
  config: ExecutionConfig;
  /** Keys of the test phase's tasks that store the IaC bundle. */
  after: string[];
}): MigrationExecutor {
  const command = deps.config.terraformCommand;
  return {
    phase: 'test',
    taskType: TASK_TYPES.testTerraformPlan,
    plan: () =>
      command
        ? [
            {
              key: TASK_TYPES.testTerraformPlan,
              title:
                'Plan the infrastructure for the build gate (terraform plan -out)',
              dependsOn: deps.after,
            },
          ]
        : [],
    async run(ctx) {
      const waves = await readBundleWaves(ctx.artifacts);
      if (!waves?.size) return { waves: 0 };
      const plans: Record<string, WavePlan> = {};
      let done = 0;
      for (const [wave, files] of waves) {
        await ctx.progress(done / waves.size, `${wave}: terraform plan`);
        plans[wave] = (await ctx.checkpoint({
          key: `plan-${wave}`,
          fn: async () =>
            asJson(
              await planWave(
                ctx,
                await prepareWorkspace(ctx, deps.config, command!, wave, files),
                wave,
              ),
            ),
        })) as unknown as WavePlan;
        done++;
      }
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.terraformPlans,
        plans,
      );
      return { waves: done };
    },
  };
}
