import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IacReport } from '@sirsi-nexus/plugin-migration-common';
import { createShippedInstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  createTerraformRunner,
  validateTerraform,
  writeBundleFiles,
  type IacModel,
  type TerraformBundle,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { TaskContext } from '@sirsi-nexus/plugin-migration-node';
import type { IacTestExecutorDeps } from './createIacTestExecutor';
import { checkLandingZone } from './landingZone';

/**
 * Validates a generated bundle: HCL parse-back, model comparison, references and policy, plus
 * `fmt`/`init`/`validate`/`plan` in a scratch directory when `migration.iac.terraformCommand`
 * is set (its output goes to the task log).
 */
export async function validateIacBundle(
  ctx: TaskContext,
  deps: IacTestExecutorDeps,
  generated: {
    model: IacModel;
    bundle: TerraformBundle;
    generatorWarnings: string[];
  },
): Promise<IacReport> {
  const { model, bundle } = generated;
  const landingZone = await checkLandingZone(
    ctx,
    deps.capabilities,
    model.networks,
  );
  const command = deps.settings.terraformCommand;
  let workdir: string | undefined;
  try {
    let terraform;
    if (command) {
      workdir = await mkdtemp(join(tmpdir(), `sirsi-iac-${ctx.migration.id}-`));
      await writeBundleFiles(workdir, '.', bundle.files);
      terraform = {
        command,
        directory: workdir,
        plan: deps.settings.plan,
        runner: createTerraformRunner({
          command,
          signal: ctx.signal,
          timeoutMs: deps.settings.commandTimeoutMs,
          onOutput: line => ctx.logger.info(`${command}: ${line.text}`),
        }),
      };
    }
    return await validateTerraform(bundle.files, {
      model,
      bundle,
      parser: deps.parser,
      instanceTypes: deps.instanceTypes ?? createShippedInstanceTypeCatalog(),
      allowedRegions: deps.settings.allowedRegions,
      generatorWarnings: generated.generatorWarnings,
      additionalChecks: [landingZone],
      ...(terraform ? { terraform } : {}),
    });
  } finally {
    if (workdir) await rm(workdir, { recursive: true, force: true });
  }
}

/** The report of a model without waves: nothing to generate, nothing to validate. */
export function emptyIacReport(
  model: IacModel,
  generatorWarnings: string[],
): IacReport {
  return {
    version: 1,
    generatedAt: new Date().toISOString(),
    migrationId: model.migrationId,
    target: { provider: model.target.provider, region: model.target.region },
    status: 'pass',
    summary: {
      files: 0,
      waves: 0,
      resources: 0,
      imports: 0,
      pass: 0,
      warn: 0,
      fail: 0,
    },
    files: [],
    waves: [],
    checks: [],
    terraform: {
      ran: false,
      reason:
        'Nothing to generate: no machine of the migration is rehosted as a machine',
      steps: [],
    },
    warnings: generatorWarnings,
  };
}

/** The first failed findings of a report, as `file:line message`, for the task's error. */
export function failedFindings(report: IacReport): string[] {
  return report.checks
    .filter(c => c.status === 'fail')
    .flatMap(c => c.findings.filter(f => f.status === 'fail'))
    .slice(0, 5)
    .map(f =>
      `${f.file ?? ''}${f.line ? `:${f.line}` : ''} ${f.message}`.trim(),
    );
}
