import type { JsonObject } from '@backstage/types';
import type {
  BuildReport,
  BuildWaveResult,
} from '@sirsi-nexus/plugin-migration-common';
import {
  hcl2jsonParser,
  unzipBundle,
  type BundleFile,
} from '@sirsi-nexus/plugin-migration-iac-node';
import {
  type ArtifactReader,
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from './config';
import {
  TerraformError,
  TerraformWorkspace,
  byLayer,
  plannedChanges,
  redactPlan,
  type TerraformEvent,
} from './terraformSteps';
import { asJson } from './json';
import { PermanentTaskError } from '../../engine/TaskWorker';

/** Task type of the build executor (replaces the built-in rehearsal of the same type). */
export const BUILD_TASK = 'build.provision';
/** The IaC bundle the test phase stores. */
export const IAC_BUNDLE_ARTIFACT = 'iac-bundle.zip';
export const BUILD_ARTIFACT = 'build.json';
export const PLAN_FILE = 'sirsi.tfplan';
/** Task type of the planner that runs before the build gate. */
export const TERRAFORM_PLAN_TASK = 'test.terraform-plan';
/** Plans made before the build gate, by wave: what approvers approve. */
export const GATE_PLANS_ARTIFACT = 'terraform-plans.json';

/** A saved plan of one wave. */
export interface WavePlan {
  sha256: string;
  resources: BuildWaveResult['resources'];
  plannedAt: string;
}

/** The wave folders of a bundle (`wave-01`, `wave-02`, ...) in order, and their files. */
export async function readBundleWaves(artifacts: ArtifactReader) {
  const zip = await artifacts.get(IAC_BUNDLE_ARTIFACT);
  if (!zip) return undefined;
  const files = unzipBundle(new Uint8Array(zip.content));
  const waves = new Map<string, BundleFile[]>();
  for (const file of files) {
    const [folder, ...rest] = file.path.split('/');
    if (!/^wave-\d+$/.test(folder) || rest.length === 0) continue;
    waves.set(folder, [
      ...(waves.get(folder) ?? []),
      { path: rest.join('/'), content: file.content },
    ]);
  }
  return new Map(
    [...waves.entries()].sort(([a], [b]) =>
      a.localeCompare(b, 'en', { numeric: true }),
    ),
  );
}

async function updateBuildReport(
  ctx: TaskContext,
  rehearsal: boolean,
  command: string | undefined,
  wave: BuildWaveResult,
  statement: string,
) {
  const current = (await ctx.artifacts.getJson<BuildReport>(
    BUILD_ARTIFACT,
  )) ?? {
    rehearsal,
    terraformCommand: command,
    waves: [],
    statements: [],
  };
  current.waves = [
    ...current.waves.filter(w => w.wave !== wave.wave),
    wave,
  ].sort((a, b) => a.wave.localeCompare(b.wave, 'en', { numeric: true }));
  current.statements = [
    ...current.statements.filter(s => !s.startsWith(`${wave.wave}:`)),
    `${wave.wave}: ${statement}`,
  ];
  await ctx.artifacts.put(BUILD_ARTIFACT, asJson(current));
}

/** Resources declared in a wave's files, for runs without Terraform. */
async function declaredResources(
  files: BundleFile[],
): Promise<BuildWaveResult['resources']> {
  const resources: BuildWaveResult['resources'] = [];
  for (const file of files.filter(f => f.path.endsWith('.tf'))) {
    const json = await hcl2jsonParser.parse(file.path, file.content);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const name of Object.keys(byName as object)) {
        resources.push({
          address: `${type}.${name}`,
          action: 'create',
          status: 'pending',
        });
      }
    }
  }
  return byLayer(resources);
}

/** `plan -out`, the redacted plan as an artifact, the planned changes and the plan's SHA-256. */
async function planWave(
  ctx: TaskContext,
  workspace: TerraformWorkspace,
  wave: string,
): Promise<WavePlan> {
  const plan = await workspace.plan(PLAN_FILE);
  if (plan.exitCode !== 0) throw new TerraformError('plan', plan);
  const show = redactPlan(await workspace.showJson(PLAN_FILE));
  await ctx.artifacts.put(`terraform-plan-${wave}.json`, asJson(show));
  return {
    resources: plannedChanges(plan.events),
    sha256: (await workspace.sha256(PLAN_FILE)) ?? '',
    plannedAt: new Date().toISOString(),
  };
}

async function prepareWorkspace(
  ctx: TaskContext,
  config: ExecutionConfig,
  command: string,
  wave: string,
  files: BundleFile[],
) {
  const workspace = await TerraformWorkspace.prepare({
    workRoot: config.build.workDir,
    migrationId: ctx.migration.id,
    wave,
    files,
    command,
    timeoutMs: config.build.timeoutMs,
    signal: ctx.signal,
  });
  const init = await workspace.init();
  if (init.exitCode !== 0) throw new TerraformError('init', init);
  return workspace;
}

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
    taskType: TERRAFORM_PLAN_TASK,
    plan: () =>
      command
        ? [
            {
              key: TERRAFORM_PLAN_TASK,
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
      await ctx.artifacts.put(GATE_PLANS_ARTIFACT, asJson(plans));
      return { waves: done };
    },
  };
}

function resourceStatus(
  address: string,
  failed: Set<string>,
  completed: Set<string>,
) {
  if (failed.has(address)) return 'failed' as const;
  return completed.has(address) ? ('done' as const) : ('pending' as const);
}

function progressFrom(
  ctx: TaskContext,
  total: () => number,
  done: Set<string>,
  verb: string,
) {
  return (event: TerraformEvent) => {
    const addr = event.hook?.resource?.addr;
    if (!addr) return;
    if (event.type === 'apply_complete' || event.type === 'apply_errored') {
      done.add(addr);
      void ctx.progress(
        Math.min(0.99, done.size / Math.max(1, total())),
        `${verb} ${addr}`,
      );
    } else if (event.type === 'apply_start') {
      void ctx.progress(
        Math.min(0.99, done.size / Math.max(1, total())),
        `${verb} ${addr}…`,
      );
    }
  };
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
    taskType: BUILD_TASK,
    async plan(ctx) {
      const waves = await readBundleWaves(ctx.artifacts);
      if (!waves || waves.size === 0) {
        return [
          {
            key: BUILD_TASK,
            title: 'Provision the target infrastructure',
            input: { wave: null },
          },
        ];
      }
      const keys = [...waves.keys()];
      return keys.map((wave, i) => ({
        key: `build.${wave}`,
        title: `Provision ${wave}`,
        dependsOn: i > 0 ? [`build.${keys[i - 1]}`] : [],
        input: { wave },
      }));
    },

    async run(ctx) {
      const rehearsal = ctx.migration.options.rehearsal === true;
      const wave = ctx.task.input.wave as string | null;
      if (!wave) {
        await ctx.artifacts.put(
          BUILD_ARTIFACT,
          asJson({
            rehearsal,
            terraformCommand: command,
            waves: [],
            statements: [
              'No IaC bundle was stored by the test phase, so no infrastructure was provisioned.',
            ],
          } satisfies BuildReport),
        );
        return { waves: 0 };
      }
      const files = (await readBundleWaves(ctx.artifacts))?.get(wave);
      if (!files)
        throw new Error(`The IaC bundle has no folder ${wave} any more`);

      if (!command) {
        const resources = await declaredResources(files);
        const result: BuildWaveResult = { wave, mode: 'recorded', resources };
        await updateBuildReport(
          ctx,
          rehearsal,
          command,
          result,
          `no migration.iac.terraformCommand is configured, so nothing was created; a build would create ${
            resources.length
          } resource(s) in this order: ${resources
            .map(r => r.address)
            .join(', ')}.`,
        );
        await ctx.progress(
          1,
          `${wave}: ${resources.length} resource(s) recorded`,
        );
        return asJson({ wave, mode: 'recorded', resources: resources.length });
      }

      const started = Date.now();
      await ctx.progress(0.02, `${wave}: terraform init`);
      const workspace = await prepareWorkspace(
        ctx,
        config,
        command,
        wave,
        files,
      );

      // The plan approved at the build gate, or — without the gate planner — one made now.
      const gate = (
        await ctx.artifacts.getJson<Record<string, WavePlan>>(
          GATE_PLANS_ARTIFACT,
        )
      )?.[wave];
      if (gate && (await workspace.sha256(PLAN_FILE)) !== gate.sha256) {
        throw new PermanentTaskError(
          `${wave}: the plan approved at the build gate (sha256 ${gate.sha256.slice(
            0,
            12,
          )}) is not in ${
            workspace.dir
          }; share migration.build.workDir between the backend replicas, then re-run the migration`,
        );
      }
      const planned =
        gate ??
        ((await ctx.checkpoint({
          key: 'plan',
          fn: async () => {
            await ctx.progress(0.05, `${wave}: terraform plan`);
            return asJson(await planWave(ctx, workspace, wave));
          },
        })) as unknown as WavePlan);
      const resources = planned.resources;
      const planSha256 = planned.sha256;
      const whichPlan = gate
        ? `the plan approved at the build gate (${planSha256.slice(0, 12)})`
        : `a plan made at build time (${planSha256.slice(
            0,
            12,
          )}; no gate plan existed)`;

      if (rehearsal) {
        const result: BuildWaveResult = {
          wave,
          mode: 'planned',
          resources,
          planSha256,
          durationMs: Date.now() - started,
        };
        await updateBuildReport(
          ctx,
          rehearsal,
          command,
          result,
          `rehearsal: terraform plan ran instead of apply (${whichPlan}); ${
            resources.filter(r => r.action === 'create').length
          } resource(s) would be created, ${
            resources.filter(r => r.action === 'update').length
          } updated, ${
            resources.filter(
              r => r.action === 'delete' || r.action === 'replace',
            ).length
          } deleted or replaced.`,
        );
        await ctx.progress(1, `${wave}: planned ${resources.length} change(s)`);
        return asJson({
          wave,
          mode: 'planned',
          workDir: workspace.dir,
          planSha256,
          resources: resources.length,
        });
      }

      const applied = await ctx.checkpoint({
        key: 'apply',
        fn: async () => {
          if ((await workspace.sha256(PLAN_FILE)) !== planSha256) {
            throw new Error(
              `${wave}: the saved plan changed since it was made; it will not be applied`,
            );
          }
          const done = new Set<string>();
          const apply = await workspace.apply(
            PLAN_FILE,
            progressFrom(ctx, () => resources.length, done, `${wave}:`),
          );
          const failed = new Set(
            apply.events
              .filter(e => e.type === 'apply_errored')
              .map(e => e.hook!.resource!.addr),
          );
          const completed = new Set(
            apply.events
              .filter(e => e.type === 'apply_complete')
              .map(e => e.hook!.resource!.addr),
          );
          if (apply.exitCode !== 0) {
            const error = new TerraformError('apply', apply);
            const partial: BuildWaveResult = {
              wave,
              mode: 'applied',
              planSha256,
              resources: resources.map(r => ({
                ...r,
                status: resourceStatus(r.address, failed, completed),
                message: failed.has(r.address) ? error.message : undefined,
              })),
            };
            await updateBuildReport(
              ctx,
              rehearsal,
              command,
              partial,
              `apply failed: ${error.message}`,
            );
            // Once resources changed, the saved plan is stale: another attempt cannot apply it.
            if (completed.size > 0) {
              throw new PermanentTaskError(
                `${error.message}. ${completed.size} resource(s) were created before the failure; roll back (terraform destroy) or re-run the build from a new plan.`,
              );
            }
            throw error;
          }
          return asJson({
            resources: resources.map(r => ({
              ...r,
              status:
                r.action === 'no-op' || completed.has(r.address)
                  ? 'done'
                  : 'pending',
            })),
            outputs: asJson(await workspace.outputs()),
          });
        },
      });
      const result: BuildWaveResult = {
        wave,
        mode: 'applied',
        resources: applied.resources as unknown as BuildWaveResult['resources'],
        planSha256,
        outputs: applied.outputs as JsonObject,
        durationMs: Date.now() - started,
      };
      await updateBuildReport(
        ctx,
        rehearsal,
        command,
        result,
        `applied exactly ${whichPlan}: ${result.resources.length} change(s).`,
      );
      await ctx.progress(1, `${wave}: applied`);
      return asJson({
        wave,
        mode: 'applied',
        workDir: workspace.dir,
        planSha256,
        resources: result.resources.length,
      });
    },

    async compensate(ctx) {
      const output = ctx.task.compensates?.output ?? {};
      const wave = ctx.task.input.wave as string | null;
      if (!wave || output.mode !== 'applied' || !command) {
        return {
          destroyed: 0,
          reason: 'Nothing was created by this task, so nothing was destroyed',
        };
      }
      const workspace = new TerraformWorkspace(String(output.workDir), {
        command,
        timeoutMs: config.build.timeoutMs,
        signal: ctx.signal,
      });
      const destroyed = await ctx.checkpoint({
        key: 'destroy',
        fn: async () => {
          const done = new Set<string>();
          const total = Number(output.resources ?? 1);
          const result = await workspace.destroy(
            progressFrom(ctx, () => total, done, `${wave}: destroyed`),
          );
          if (result.exitCode !== 0)
            throw new TerraformError('destroy', result);
          return done.size;
        },
      });
      const report = await ctx.artifacts.getJson<BuildReport>(BUILD_ARTIFACT);
      if (report) {
        report.statements.push(
          `${wave}: rolled back — terraform destroy removed ${destroyed} resource(s).`,
        );
        await ctx.artifacts.put(BUILD_ARTIFACT, asJson(report));
      }
      return { wave, destroyed };
    },
  };
}
