import type { Config } from '@backstage/config';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  COMPLIANCE_PROFILES,
  MIGRATION_ARTIFACTS,
  type IacReport,
} from '@sirsi-nexus/plugin-migration-common';
import { createShippedInstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  createTerraformRunner,
  readBundleFiles,
  readIacSettings,
  validateTerraform,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { promises as fs } from 'node:fs';
import { fields, type ActionContextOf } from './actionContext';
import { examples } from './iacValidate.examples';

const input = fields({
  path: z =>
    z
      .string()
      .default('terraform')
      .describe('Folder of the workspace to validate'),
  allowWarnings: z =>
    z
      .boolean()
      .default(false)
      .describe('Let the step pass with warnings (failures always fail it)'),
  complianceProfile: z =>
    z
      .enum(COMPLIANCE_PROFILES)
      .optional()
      .describe("Profile for the policy rules; defaults to the bundle model's"),
});

const output = fields({
  status: z => z.enum(['pass', 'warn', 'fail']),
  summary: z =>
    z.object({
      files: z.number(),
      waves: z.number(),
      resources: z.number(),
      imports: z.number(),
      pass: z.number(),
      warn: z.number(),
      fail: z.number(),
    }),
  findings: z => z.array(z.string()).describe('Warnings and failures, located'),
  terraformRan: z => z.boolean(),
  report: z =>
    z
      .record(z.string(), z.unknown())
      .describe(`The full report (${MIGRATION_ARTIFACTS.iacReport.name})`),
});

type Context = ActionContextOf<typeof input, typeof output>;

/** What the checks are configured with. */
interface Checks {
  settings: IacSettings;
  instanceTypes: ReturnType<typeof createShippedInstanceTypeCatalog>;
}

/**
 * `migration:iac:validate`: validates a folder of the workspace — HashiCorp's HCL parser on every
 * file, the bundle's model, references, the policy rules, and `fmt`/`init`/`validate`/`plan`
 * when `migration.iac.terraformCommand` is configured. Fails the step on any failed check, and
 * on warnings unless `allowWarnings` is set. Writes `iac-report.json` next to the files.
 *
 * @public
 */
export function createIacValidateAction(deps: { config: Config }) {
  const checks: Checks = {
    settings: readIacSettings(deps.config),
    instanceTypes: createShippedInstanceTypeCatalog(),
  };
  return createTemplateAction({
    id: 'migration:iac:validate',
    description:
      'Validates Terraform in the workspace (HCL parse-back, model, references, policy; terraform/tofu when configured) and outputs the report.',
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => validateWorkspace(ctx, checks),
  });
}

/** The checks of the folder, with terraform/tofu when a command is configured. */
async function checkFolder(
  ctx: Context,
  { settings, instanceTypes }: Checks,
  folder: string,
): Promise<JsonObject> {
  const files = await readBundleFiles(ctx.workspacePath, ctx.input.path);
  const command = settings.terraformCommand;
  const result = await validateTerraform(files, {
    instanceTypes,
    allowedRegions: settings.allowedRegions,
    ...(ctx.input.complianceProfile
      ? { complianceProfile: ctx.input.complianceProfile }
      : {}),
    ...(command
      ? {
          terraform: {
            command,
            directory: folder,
            plan: settings.plan,
            runner: createTerraformRunner({
              command,
              signal: ctx.signal,
              timeoutMs: settings.commandTimeoutMs,
              onOutput: line => ctx.logger.info(`${command}: ${line.text}`),
            }),
          },
        }
      : {}),
  });
  return result as unknown as JsonObject;
}

/** Every warning and failure, located: `WARN policy.tags: wave-01/main.tf:12 ...`. */
function findingsOf(report: IacReport): string[] {
  return report.checks.flatMap(check =>
    check.findings.map(
      f =>
        `${f.status.toUpperCase()} ${check.id}: ${f.file ?? ''}${
          f.line ? `:${f.line}` : ''
        } ${f.message}`,
    ),
  );
}

function failureOf(report: IacReport, findings: string[]): Error {
  return new Error(
    `Terraform validation ${
      report.status === 'fail' ? 'failed' : 'has warnings'
    }: ${report.summary.fail} failed and ${
      report.summary.warn
    } warning check(s). ${findings.slice(0, 5).join('; ')}${
      report.status === 'warn' ? ' (set allowWarnings to accept warnings)' : ''
    }`,
  );
}

async function validateWorkspace(ctx: Context, checks: Checks) {
  const folder = resolveSafeChildPath(ctx.workspacePath, ctx.input.path);
  const report = (await ctx.checkpoint({
    key: 'iac-validate',
    fn: () => checkFolder(ctx, checks, folder),
  })) as unknown as IacReport;
  await fs.writeFile(
    resolveSafeChildPath(folder, MIGRATION_ARTIFACTS.iacReport.name),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const findings = findingsOf(report);
  for (const check of report.checks) {
    ctx.logger.info(
      `${check.status.toUpperCase()} ${check.title} (${check.checked} checked)`,
    );
  }
  for (const line of findings) ctx.logger.warn(line);
  if (!report.terraform.ran) {
    ctx.logger.info(report.terraform.reason ?? 'terraform did not run');
  }
  ctx.output('status', report.status);
  ctx.output('summary', report.summary);
  ctx.output('findings', findings);
  ctx.output('terraformRan', report.terraform.ran);
  ctx.output('report', report as unknown as Record<string, unknown>);
  if (
    report.status === 'fail' ||
    (report.status === 'warn' && !ctx.input.allowWarnings)
  ) {
    throw failureOf(report, findings);
  }
}
