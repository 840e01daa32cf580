import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type BuildReport,
  type BuildWaveResult,
} from '@sirsi-nexus/plugin-migration-common';
import type { BundleFile } from '@sirsi-nexus/plugin-migration-iac-node';
import {
  PermanentTaskError,
  readArtifact,
  writeArtifact,
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import { applyWave, destroyWave, partialApply } from './applyWave';
import {
  declaredResources,
  readBundleWave,
  readBundleWaveNames,
} from './bundleWaves';
import { recordWave } from './buildReport';
import type { TerraformWorkspace } from './terraformSteps';
import {
  PLAN_FILE,
  planWave,
  prepareWorkspace,
  type WavePlan,
} from './terraformWave';

type Header = Pick<BuildReport, 'rehearsal' | 'terraformCommand'>;

const short = (sha256: string) => sha256.slice(0, 12);

/** Without Terraform: records the resources the wave declares, in the order a build creates them. */
async function recordDeclared(
  ctx: TaskContext,
  header: Header,
  wave: string,
  files: BundleFile[],
) {
  const resources = await declaredResources(files);
  await recordWave(
    ctx,
    header,
    { wave, mode: 'recorded', resources },
    `no migration.iac.terraformCommand is configured, so nothing was created; a build would create ${
      resources.length
    } resource(s) in this order: ${resources.map(r => r.address).join(', ')}.`,
  );
  await ctx.progress(1, `${wave}: ${resources.length} resource(s) recorded`);
  return asJson({ wave, mode: 'recorded', resources: resources.length });
}

/**
 * The plan approved at the build gate, or — without the gate planner — one made now (once per
 * task). A gate plan that is not in this replica's workspace cannot be applied.
 */
async function approvedPlan(
  ctx: TaskContext,
  workspace: TerraformWorkspace,
  wave: string,
): Promise<{ plan: WavePlan; which: string }> {
  const gate = (
    await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.terraformPlans)
  )?.[wave] as WavePlan | undefined;
  if (gate && (await workspace.sha256(PLAN_FILE)) !== gate.sha256) {
    throw new PermanentTaskError(
      `${wave}: the plan approved at the build gate (sha256 ${short(
        gate.sha256,
      )}) is not in ${
        workspace.dir
      }; share migration.build.workDir between the backend replicas, then re-run the migration`,
    );
  }
  if (gate) {
    return {
      plan: gate,
      which: `the plan approved at the build gate (${short(gate.sha256)})`,
    };
  }
  const plan = (await ctx.checkpoint({
    key: 'plan',
    fn: async () => {
      await ctx.progress(0.05, `${wave}: terraform plan`);
      return asJson(await planWave(ctx, workspace, wave));
    },
  })) as unknown as WavePlan;
  return {
    plan,
    which: `a plan made at build time (${short(
      plan.sha256,
    )}; no gate plan existed)`,
  };
}

function countActions(resources: BuildWaveResult['resources']) {
  const count = (...actions: string[]) =>
    resources.filter(r => actions.includes(r.action)).length;
  return `${count('create')} resource(s) would be created, ${count(
    'update',
  )} updated, ${count('delete', 'replace')} deleted or replaced.`;
}

/** Plans (or takes the approved plan of) one wave and, unless a rehearsal, applies exactly it. */
async function buildWave(
  ctx: TaskContext,
  config: ExecutionConfig,
  header: Header & { terraformCommand: string },
  wave: string,
  files: BundleFile[],
) {
  const started = Date.now();
  await ctx.progress(0.02, `${wave}: terraform init`);
  const workspace = await prepareWorkspace(
    ctx,
    config,
    header.terraformCommand,
    wave,
    files,
  );
  const { plan, which } = await approvedPlan(ctx, workspace, wave);
  const { resources, sha256: planSha256 } = plan;
  const output = (mode: BuildWaveResult['mode'], changes: number) =>
    asJson({
      wave,
      mode,
      workDir: workspace.dir,
      planSha256,
      resources: changes,
    });

  if (header.rehearsal) {
    await recordWave(
      ctx,
      header,
      {
        wave,
        mode: 'planned',
        resources,
        planSha256,
        durationMs: Date.now() - started,
      },
      `rehearsal: terraform plan ran instead of apply (${which}); ${countActions(
        resources,
      )}`,
    );
    await ctx.progress(1, `${wave}: planned ${resources.length} change(s)`);
    return output('planned', resources.length);
  }

  const applied = await applyWave(ctx, {
    workspace,
    wave,
    planSha256,
    resources,
    header,
  });
  await recordWave(
    ctx,
    header,
    {
      wave,
      mode: 'applied',
      resources: applied.resources,
      planSha256,
      outputs: applied.outputs,
      durationMs: Date.now() - started,
    },
    `applied exactly ${which}: ${applied.resources.length} change(s).`,
  );
  await ctx.progress(1, `${wave}: applied`);
  return output('applied', applied.resources.length);
}

/**
 * `build`: applies the approved IaC bundle wave by wave (one task per wave, each after the
 * previous). With `migration.iac.terraformCommand`: `init`, `plan -out`, and — unless the
 * migration is a rehearsal — `apply` of exactly that saved plan, with progress per resource from
 * the `-json` output; the redacted plan is stored for the security validation. Without Terraform,
 * the resources the bundle declares are recorded. Rollback destroys what the wave created.
 *
 * @public
 */
export function createBuildExecutor(deps: {
  config: ExecutionConfig;
}): MigrationExecutor {
  const { config } = deps;
  const command = config.terraformCommand;
  return {
    phase: 'build',
    taskType: TASK_TYPES.buildProvision,
    async plan(ctx) {
      const keys = await readBundleWaveNames(ctx.artifacts);
      if (!keys || keys.length === 0) {
        return [
          {
            key: TASK_TYPES.buildProvision,
            title: 'Provision the target infrastructure',
            input: { wave: null },
          },
        ];
      }
      return keys.map((wave, i) => ({
        key: `build.${wave}`,
        title: `Provision ${wave}`,
        dependsOn: i > 0 ? [`build.${keys[i - 1]}`] : [],
        input: { wave },
      }));
    },

    async run(ctx) {
      const header: Header = {
        rehearsal: ctx.migration.options.rehearsal === true,
        terraformCommand: command,
      };
      const wave = ctx.task.input.wave as string | null;
      if (!wave) {
        await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.build, {
          ...header,
          waves: [],
          statements: [
            'No IaC bundle was stored by the test phase, so no infrastructure was provisioned.',
          ],
        });
        return { waves: 0 };
      }
      const files = await readBundleWave(ctx.artifacts, wave);
      if (!files) {
        throw new Error(`The IaC bundle has no folder ${wave} any more`);
      }
      return command
        ? buildWave(
            ctx,
            config,
            { ...header, terraformCommand: command },
            wave,
            files,
          )
        : recordDeclared(ctx, header, wave, files);
    },

    async compensate(ctx) {
      const output = ctx.task.compensates?.output ?? {};
      const wave = ctx.task.input.wave as string | null;
      const nothing = {
        destroyed: 0,
        reason: 'Nothing was created by this task, so nothing was destroyed',
      };
      if (!wave || !command) return nothing;
      if (output.mode === 'applied') {
        return destroyWave(ctx, { config, command, wave, output });
      }
      // Failed or cancelled part-way through its apply: the wave's state says what it created.
      const partial = ctx.migration.options.rehearsal
        ? undefined
        : await partialApply(config, ctx.migration.id, wave);
      return partial
        ? destroyWave(ctx, { config, command, wave, output: partial })
        : nothing;
    },
  };
}
