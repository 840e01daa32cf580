import type {
  IacCheckResult,
  IacReport,
  IacTerraformStep,
} from '@sirsi-nexus/plugin-migration-common';
import { join } from 'node:path';
import type { TerraformRunner } from '../runner/terraformRunner';
import type { ReportWave } from './bundleChecks';

/**
 * The configured terraform/tofu command and where the files are on disk.
 *
 * @public
 */
export interface TerraformStepsOptions {
  runner: TerraformRunner;
  /** Shown in the report, e.g. `tofu`. */
  command: string;
  /** Folder holding the bundle files (the wave folders are under it). */
  directory: string;
  /**
   * Which folders get `plan`: `independent` (default) plans only folders that look up nothing
   * from earlier waves, since those lookups fail until the earlier waves are applied.
   */
  plan?: 'independent' | 'all' | 'none';
}

/**
 * Runs fmt, init, validate and plan per wave folder when a command is configured and the files
 * parse; otherwise says why not. The check is absent when nothing ran.
 */
export async function terraformSteps(
  options: TerraformStepsOptions | { reason: string } | undefined,
  parsed: IacCheckResult,
  waves: ReportWave[],
): Promise<{ terraform: IacReport['terraform']; check?: IacCheckResult }> {
  const terraform: IacReport['terraform'] = { ran: false, steps: [] };
  if (!options) {
    terraform.reason =
      'migration.iac.terraformCommand is not configured: fmt, init, validate and plan did not run';
    return { terraform };
  }
  if ('reason' in options) {
    terraform.reason = options.reason;
    return { terraform };
  }
  terraform.command = options.command;
  if (parsed.status === 'fail') {
    terraform.reason =
      'the files do not parse, so the terraform command was not run';
    return { terraform };
  }
  terraform.ran = true;
  terraform.steps = await runTerraformSteps(options, waves);
  const failedSteps = terraform.steps.filter(s => s.status === 'fail');
  const check: IacCheckResult = {
    id: 'terraform',
    title: `${options.command} fmt, init, validate, plan`,
    status: failedSteps.length ? 'fail' : 'pass',
    checked: terraform.steps.filter(s => s.status !== 'skipped').length,
    findings: failedSteps.map(s => ({
      status: 'fail' as const,
      file: s.folder,
      message: `${options.command} ${s.step} failed in ${s.folder}${
        s.exitCode !== undefined ? ` (exit ${s.exitCode})` : ''
      }${s.message ? `: ${s.message}` : ''}`,
    })),
  };
  return { terraform, check };
}

async function runTerraformSteps(
  options: TerraformStepsOptions,
  waves: ReportWave[],
): Promise<IacTerraformStep[]> {
  const steps: IacTerraformStep[] = [];
  const planMode = options.plan ?? 'independent';
  for (const wave of waves) {
    const cwd = join(options.directory, wave.folder);
    let failed: string | undefined;
    for (const step of ['fmt', 'init', 'validate', 'plan'] as const) {
      if (failed) {
        steps.push({
          folder: wave.folder,
          step,
          status: 'skipped',
          message: `${failed} failed`,
        });
        continue;
      }
      if (
        step === 'plan' &&
        (planMode === 'none' ||
          (planMode === 'independent' && wave.dependsOnWaves.length > 0))
      ) {
        steps.push({
          folder: wave.folder,
          step,
          status: 'skipped',
          message:
            planMode === 'none'
              ? 'plan not requested'
              : `looks up resources of wave ${wave.dependsOnWaves.join(
                  ', ',
                )}; plan it after applying ${
                  wave.dependsOnWaves.length > 1 ? 'those waves' : 'that wave'
                }`,
        });
        continue;
      }
      const commands = {
        fmt: () => options.runner.fmtCheck(cwd),
        init: () => options.runner.init(cwd),
        validate: () => options.runner.validate(cwd),
        plan: () => options.runner.plan(cwd),
      };
      const run = commands[step]();
      let result;
      try {
        result = await run;
      } catch (error) {
        steps.push({
          folder: wave.folder,
          step,
          status: 'fail',
          message: (error as Error).message,
        });
        failed = step;
        continue;
      }
      const ok =
        result.exitCode === 0 || (step === 'plan' && result.exitCode === 2);
      steps.push({
        folder: wave.folder,
        step,
        status: ok ? 'pass' : 'fail',
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        ...(result.aborted ? { message: `stopped (${result.aborted})` } : {}),
        ...(ok ? {} : { outputTail: result.outputTail }),
      });
      if (!ok) failed = step;
      if (result.aborted)
        throw new Error(
          `${options.command} ${step} was stopped (${result.aborted})`,
        );
    }
  }
  return steps;
}
