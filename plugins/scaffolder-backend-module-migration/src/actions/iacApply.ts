import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createTerraformRunner,
  readBundleFiles,
  readIacSettings,
  type TerraformRunResult,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import { examples } from './iacApply.examples';

const PLAN_FILE = 'sirsi.tfplan';

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
    schema: {
      input: {
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
        planOnly: z =>
          z.boolean().default(false).describe('Plan without applying'),
        env: z =>
          z
            .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string())
            .default({})
            .describe(
              'Environment for terraform, e.g. cloud credentials from template secrets; never logged or output',
            ),
      },
      output: {
        mode: z => z.enum(['plan', 'apply']),
        waves: z =>
          z.array(
            z.object({
              folder: z.string(),
              changes: z.boolean(),
              applied: z.boolean(),
            }),
          ),
      },
    },
    async handler(ctx) {
      const command = settings.terraformCommand;
      if (!command) {
        throw new InputError(
          'migration.iac.terraformCommand is not configured: there is no terraform or tofu to apply with',
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const status = await deps.client.getStatus(
        credentials,
        ctx.input.migrationId,
      );
      const approval = status.phases.find(p => p.phase === 'build')?.approval;
      if (approval?.status !== 'approved') {
        throw new NotAllowedError(
          `The build approval of migration ${
            ctx.input.migrationId
          } is not recorded (${
            approval ? approval.status : 'no approval requested yet'
          }); apply waits for it`,
        );
      }
      const apply = !ctx.isDryRun && !ctx.input.planOnly;
      if (!apply) {
        ctx.logger.info(
          ctx.isDryRun ? 'Dry run: planning only' : 'planOnly: planning only',
        );
      }

      const files = await readBundleFiles(ctx.workspacePath, ctx.input.path);
      const folders = [
        ...new Set(
          files
            .map(f => f.path.split('/')[0])
            .filter(f => /^wave-\d+$/.test(f)),
        ),
      ].sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)));
      if (folders.length === 0) {
        throw new InputError(
          `${ctx.input.path} holds no wave folders (wave-01, wave-02, ...)`,
        );
      }
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

      const waves: Array<{
        folder: string;
        changes: boolean;
        applied: boolean;
      }> = [];
      for (const folder of folders) {
        const cwd = resolveSafeChildPath(
          ctx.workspacePath,
          `${ctx.input.path}/${folder}`,
        );
        const outcome = await ctx.checkpoint({
          key: `iac-${apply ? 'apply' : 'plan'}-${folder}`,
          fn: async () => {
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
          },
        });
        waves.push(outcome);
      }
      ctx.output('mode', apply ? 'apply' : 'plan');
      ctx.output('waves', waves);
    },
  });
}
