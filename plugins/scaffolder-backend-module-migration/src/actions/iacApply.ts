import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { MigrationStatusResponse } from '@sirsi-nexus/plugin-migration-common';
import {
  createTerraformRunner,
  readBundleFiles,
  readIacSettings,
  type IacSettings,
  type TerraformRunResult,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import { fields, type ActionContextOf } from './actionContext';
import { examples } from './iacApply.examples';

const PLAN_FILE = 'sirsi.tfplan';

const input = fields({
  migrationId: z =>
    z
      .string()
      .min(1)
      .describe('Migration whose build approval allows the apply'),
  path: z =>
    z
      .string()
      .default('terraform')
      .describe('Folder of the workspace holding the wave folders'),
  planOnly: z => z.boolean().default(false).describe('Plan without applying'),
  env: z =>
    z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string())
      .default({})
      .describe(
        'Environment for terraform, e.g. cloud credentials from template secrets; never logged or output',
      ),
});

const output = fields({
  mode: z => z.enum(['plan', 'apply']),
  waves: z =>
    z.array(
      z.object({
        folder: z.string(),
        changes: z.boolean(),
        applied: z.boolean(),
      }),
    ),
});

type Context = ActionContextOf<typeof input, typeof output>;

/**
 * `migration:iac:apply`: plans and applies a workspace folder wave by wave through the
 * configured `terraform`/`tofu` command, streaming its output (secrets redacted) to the task
 * log. Refuses when no command is configured or the migration's `build` approval is not
 * recorded; in a dry run, or with `planOnly`, it plans and stops.
 *
 * @public
 */
export function createIacApplyAction(deps: {
  client: MigrationApiClient;
  config: Config;
}) {
  const settings = readIacSettings(deps.config);
  return createTemplateAction({
    id: 'migration:iac:apply',
    description:
      'Plans and applies Terraform in the workspace wave by wave with the configured terraform/tofu, once the migration’s build phase is approved. Dry runs only plan.',
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => applyWaves(ctx, deps.client, settings),
  });
}

/** @throws NotAllowedError unless the migration's build approval is recorded. */
function assertBuildApproved(
  status: MigrationStatusResponse,
  migrationId: string,
) {
  const approval = status.phases.find(p => p.phase === 'build')?.approval;
  if (approval?.status !== 'approved') {
    throw new NotAllowedError(
      `The build approval of migration ${migrationId} is not recorded (${
        approval ? approval.status : 'no approval requested yet'
      }); apply waits for it`,
    );
  }
}

/** The wave folders of the workspace folder, in order: wave-01, wave-02, ... */
async function waveFolders(ctx: Context): Promise<string[]> {
  const files = await readBundleFiles(ctx.workspacePath, ctx.input.path);
  const folders = [
    ...new Set(
      files.map(f => f.path.split('/')[0]).filter(f => /^wave-\d+$/.test(f)),
    ),
  ].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
  if (folders.length === 0) {
    throw new InputError(
      `${ctx.input.path} holds no wave folders (wave-01, wave-02, ...)`,
    );
  }
  return folders;
}

/** init, plan and (when applying and the plan has changes) apply one wave folder. */
function waveRunner(ctx: Context, command: string, settings: IacSettings) {
  const runner = createTerraformRunner({
    command,
    env: ctx.input.env,
    secrets: Object.values(ctx.secrets ?? {}),
    signal: ctx.signal,
    timeoutMs: settings.commandTimeoutMs,
    onOutput: line => ctx.logger.info(`${line.text}`),
  });
  const check = (
    step: string,
    folder: string,
    result: TerraformRunResult,
    ok = [0],
  ) => {
    if (!ok.includes(result.exitCode)) {
      throw new Error(
        `${command} ${step} failed in ${folder} (exit ${result.exitCode}${
          result.aborted ? `, ${result.aborted}` : ''
        }): ${result.outputTail.slice(-5).join(' / ')}`,
      );
    }
  };
  return async (folder: string, apply: boolean) => {
    const cwd = resolveSafeChildPath(
      ctx.workspacePath,
      `${ctx.input.path}/${folder}`,
    );
    ctx.logger.info(`${folder}: ${command} init`);
    check(
      'init',
      folder,
      await runner.run(cwd, ['init', '-input=false', '-no-color']),
    );
    const plan = await runner.plan(cwd, { out: PLAN_FILE });
    check('plan', folder, plan, [0, 2]);
    const changes = plan.exitCode === 2;
    if (apply && changes) {
      ctx.logger.info(`${folder}: ${command} apply`);
      check('apply', folder, await runner.apply(cwd, PLAN_FILE));
    }
    return { folder, changes, applied: apply && changes };
  };
}

async function applyWaves(
  ctx: Context,
  client: MigrationApiClient,
  settings: IacSettings,
) {
  const command = settings.terraformCommand;
  if (!command) {
    throw new InputError(
      'migration.iac.terraformCommand is not configured: there is no terraform or tofu to apply with',
    );
  }
  const { migrationId } = ctx.input;
  const credentials = await ctx.getInitiatorCredentials();
  assertBuildApproved(
    await client.getStatus(credentials, migrationId),
    migrationId,
  );
  const apply = !ctx.isDryRun && !ctx.input.planOnly;
  if (!apply) {
    ctx.logger.info(
      ctx.isDryRun ? 'Dry run: planning only' : 'planOnly: planning only',
    );
  }
  const folders = await waveFolders(ctx);
  const runWave = waveRunner(ctx, command, settings);
  const waves = [];
  for (const folder of folders) {
    waves.push(
      await ctx.checkpoint({
        key: `iac-${apply ? 'apply' : 'plan'}-${folder}`,
        fn: () => runWave(folder, apply),
      }),
    );
  }
  ctx.output('mode', apply ? 'apply' : 'plan');
  ctx.output('waves', waves);
}
