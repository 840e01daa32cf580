import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type BuildReport,
  type BuildWaveResult,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readArtifact,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import { recordWave } from './buildReport';
import {
  TerraformError,
  TerraformWorkspace,
  type TerraformEvent,
} from './terraformSteps';
import { PLAN_FILE, progressFrom } from './terraformWave';

function resourceStatus(
  address: string,
  failed: Set<string>,
  completed: Set<string>,
) {
  if (failed.has(address)) return 'failed' as const;
  return completed.has(address) ? ('done' as const) : ('pending' as const);
}

/** Addresses of the resources whose apply events have the given type. */
function addressesOf(events: TerraformEvent[], type: string) {
  return new Set(
    events.filter(e => e.type === type).map(e => e.hook!.resource!.addr),
  );
}

/**
 * `apply` of exactly the saved plan, once per task (checkpointed). A failed apply is recorded in
 * `build.json` resource by resource; once resources changed, the saved plan is stale and the
 * failure is permanent.
 */
export async function applyWave(
  ctx: TaskContext,
  options: {
    workspace: TerraformWorkspace;
    wave: string;
    planSha256: string;
    resources: BuildWaveResult['resources'];
    header: Pick<BuildReport, 'rehearsal' | 'terraformCommand'>;
  },
): Promise<{ resources: BuildWaveResult['resources']; outputs: JsonObject }> {
  const { workspace, wave, planSha256, resources } = options;
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
      const failed = addressesOf(apply.events, 'apply_errored');
      const completed = addressesOf(apply.events, 'apply_complete');
      if (apply.exitCode !== 0) {
        const error = new TerraformError('apply', apply);
        await recordWave(
          ctx,
          options.header,
          {
            wave,
            mode: 'applied',
            planSha256,
            resources: resources.map(r => ({
              ...r,
              status: resourceStatus(r.address, failed, completed),
              message: failed.has(r.address) ? error.message : undefined,
            })),
          },
          `apply failed: ${error.message}`,
        );
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
  return {
    resources: applied.resources as unknown as BuildWaveResult['resources'],
    outputs: applied.outputs as JsonObject,
  };
}

/**
 * Rollback of an applied wave: `terraform destroy` in its workspace, once per task, with the
 * removal stated in `build.json`.
 */
export async function destroyWave(
  ctx: TaskContext,
  options: {
    config: ExecutionConfig;
    command: string;
    wave: string;
    output: JsonObject;
  },
) {
  const { output, wave } = options;
  const workspace = new TerraformWorkspace(String(output.workDir), {
    command: options.command,
    timeoutMs: options.config.build.timeoutMs,
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
      if (result.exitCode !== 0) throw new TerraformError('destroy', result);
      return done.size;
    },
  });
  const report = await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.build);
  if (report) {
    report.statements.push(
      `${wave}: rolled back — terraform destroy removed ${destroyed} resource(s).`,
    );
    await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.build, report);
  }
  return { wave, destroyed };
}

/**
 * What an apply that failed or was cancelled part-way left behind: the wave's workspace and the
 * number of resources in its local Terraform state, or undefined when the workspace holds no
 * state (nothing was created, or the state lives in a remote backend this replica cannot see).
 */
export async function partialApply(
  config: ExecutionConfig,
  migrationId: string,
  wave: string,
): Promise<JsonObject | undefined> {
  const workDir = resolveSafeChildPath(
    config.build.workDir,
    `${migrationId}/${wave}`,
  );
  let state: { resources?: unknown[] };
  try {
    state = JSON.parse(
      await fs.readFile(path.join(workDir, 'terraform.tfstate'), 'utf8'),
    );
  } catch {
    return undefined;
  }
  const resources = state.resources?.length ?? 0;
  return resources > 0 ? { workDir, resources } : undefined;
}
