import type { BuildWaveResult } from '@sirsi-nexus/plugin-migration-common';
import type { BundleFile } from '@sirsi-nexus/plugin-migration-iac-node';
import type { TaskContext } from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import {
  TerraformError,
  TerraformWorkspace,
  plannedChanges,
  redactPlan,
  type TerraformEvent,
} from './terraformSteps';

/** The saved plan in a wave's workspace. */
export const PLAN_FILE = 'sirsi.tfplan';

/** A saved plan of one wave. */
export interface WavePlan {
  sha256: string;
  resources: BuildWaveResult['resources'];
  plannedAt: string;
}

const WAVE_PLAN_ARTIFACT = /^terraform-plan-(.+)\.json$/;

/** The artifact holding a wave's redacted plan (what the security validation reads). */
export function wavePlanArtifact(wave: string): string {
  return `terraform-plan-${wave}.json`;
}

/** Whether an artifact is a wave's redacted plan. */
export function isWavePlanArtifact(name: string): boolean {
  return WAVE_PLAN_ARTIFACT.test(name);
}

/** Writes a wave's files into its workspace under `migration.build.workDir` and runs `init`. */
export async function prepareWorkspace(
  ctx: TaskContext,
  config: ExecutionConfig,
  command: string,
  wave: string,
  files: BundleFile[],
): Promise<TerraformWorkspace> {
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

/** `plan -out`, the redacted plan as an artifact, the planned changes and the plan's SHA-256. */
export async function planWave(
  ctx: TaskContext,
  workspace: TerraformWorkspace,
  wave: string,
): Promise<WavePlan> {
  const plan = await workspace.plan(PLAN_FILE);
  if (plan.exitCode !== 0) throw new TerraformError('plan', plan);
  const show = redactPlan(await workspace.showJson(PLAN_FILE));
  await ctx.artifacts.put(wavePlanArtifact(wave), asJson(show));
  return {
    resources: plannedChanges(plan.events),
    sha256: (await workspace.sha256(PLAN_FILE)) ?? '',
    plannedAt: new Date().toISOString(),
  };
}

/** Progress per resource from `apply`/`destroy` events, counting the resources done. */
export function progressFrom(
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
