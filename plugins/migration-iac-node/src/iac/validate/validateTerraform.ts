import type {
  ComplianceProfile,
  InstanceTypeCatalog,
  IacCheckResult,
  IacReport,
  IacTerraformStep,
} from '@sirsi-nexus/plugin-migration-common';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  MODEL_FILE_NAME,
  generateTerraform,
  type BundleFile,
  type BundleWave,
  type TerraformBundle,
} from '../generator/generateTerraform';
import type { IacModel } from '../model';
import { runPolicyChecks } from '../policy/checks';
import type { TerraformRunner } from '../runner/terraformRunner';
import { assertValidIacModel } from '../validateModel';
import { compareWithModel } from './compareWithModel';
import { parseModules, type ParsedModule } from './module';
import { formatDiagnostic, hcl2jsonParser, type HclParser } from './parser';
import { sharedHclParserPool } from './parserPool';
import { checkReferences } from './references';

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
 * Options of {@link validateTerraform}.
 *
 * @public
 */
export interface ValidateTerraformOptions {
  parser?: HclParser;
  /**
   * The instance types the policy check accepts, e.g. `createShippedInstanceTypeCatalog()` of
   * `@sirsi-nexus/plugin-migration-assessment-node`.
   */
  instanceTypes: InstanceTypeCatalog;
  /** Defaults to the model's profile. */
  complianceProfile?: ComplianceProfile;
  /** Overrides the profile's residency list (`migration.iac.allowedRegions`). */
  allowedRegions?: string[];
  /**
   * The model the files must match. Defaults to the bundle's `iac-model.json`; without either,
   * the comparison is reported as not done.
   */
  model?: IacModel;
  /** The bundle generated from `model`, when the caller has it (saves generating it again). */
  bundle?: TerraformBundle;
  /** Run the terraform/tofu steps; when absent the report says why they did not run. */
  terraform?: TerraformStepsOptions | { reason: string };
  /** Simplifications the generator reported, carried into the report. */
  generatorWarnings?: string[];
  now?: () => Date;
}

/** Above this much HCL, parsing is spread over worker threads. */
const LARGE_BUNDLE_BYTES = 2 * 1024 * 1024;

const STATUS_ORDER = { pass: 0, warn: 1, fail: 2 } as const;

function worst(statuses: Array<'pass' | 'warn' | 'fail'>) {
  return statuses.reduce<'pass' | 'warn' | 'fail'>(
    (a, b) => (STATUS_ORDER[b] > STATUS_ORDER[a] ? b : a),
    'pass',
  );
}

function parseCheck(
  modules: ParsedModule[],
  fileCount: number,
): IacCheckResult {
  const findings = modules.flatMap(m =>
    m.diagnostics.map(d => ({
      status: 'fail' as const,
      file: d.file,
      line: d.line,
      message: formatDiagnostic(d),
      remediation:
        'Fix the syntax error (the message is from HashiCorp’s HCL parser)',
    })),
  );
  return {
    id: 'parse',
    title: 'HCL syntax (HashiCorp parser)',
    status: findings.length ? 'fail' : 'pass',
    checked: fileCount,
    findings,
  };
}

/** Reads the bundle's model file, reporting a broken one as a failed check. */
function bundleModel(files: BundleFile[]): {
  model?: IacModel;
  problem?: string;
} {
  const file = files.find(f => f.path === MODEL_FILE_NAME);
  if (!file) return {};
  try {
    const model = JSON.parse(file.content);
    assertValidIacModel(model);
    return { model };
  } catch (error) {
    return {
      problem: `${MODEL_FILE_NAME} is not a valid model: ${
        (error as Error).message
      }`,
    };
  }
}

/** Counts `resource` and `import` blocks per folder from the parsed modules. */
function wavesFromModules(modules: ParsedModule[], generated?: BundleWave[]) {
  return modules.map(module => {
    const known = generated?.find(w => w.folder === module.folder);
    return {
      number: known?.number ?? 0,
      folder: module.folder,
      dependsOnWaves: known?.dependsOnWaves ?? [],
      resourceCount: module.blocks.filter(b => b.kind === 'resource').length,
      importCount: module.blocks.filter(b => b.kind === 'import').length,
    };
  });
}

async function runTerraformSteps(
  options: TerraformStepsOptions,
  waves: ReturnType<typeof wavesFromModules>,
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

/**
 * Validates Terraform files: parses every file back with HashiCorp's HCL parser, compares them
 * with the model, resolves references, applies the policy rules and, when a command is
 * configured, runs `fmt -check`, `init -backend=false`, `validate` and `plan`.
 *
 * @public
 */
export async function validateTerraform(
  files: BundleFile[],
  options: ValidateTerraformOptions,
): Promise<IacReport> {
  const tfFiles = files.filter(f => f.path.endsWith('.tf'));
  // The parser is single-threaded WebAssembly: large bundles are parsed on worker threads.
  const bytes = tfFiles.reduce((n, f) => n + f.content.length, 0);
  const parser =
    options.parser ??
    (bytes > LARGE_BUNDLE_BYTES ? sharedHclParserPool() : hcl2jsonParser);
  const modules = await parseModules(tfFiles, parser);
  const checks: IacCheckResult[] = [parseCheck(modules, tfFiles.length)];

  const fromBundle = options.model ? {} : bundleModel(files);
  const model = options.model ?? fromBundle.model;
  let generated: TerraformBundle | undefined;
  if (model) {
    generated = options.bundle ?? generateTerraform(model);
    checks.push(compareWithModel(generated.documents, modules));
  } else {
    checks.push({
      id: 'model',
      title: 'Files match the model',
      status: fromBundle.problem ? 'fail' : 'warn',
      checked: 0,
      findings: [
        {
          status: fromBundle.problem ? 'fail' : 'warn',
          file: MODEL_FILE_NAME,
          message:
            fromBundle.problem ??
            `No ${MODEL_FILE_NAME}: the files were not compared with a model`,
          remediation:
            'Generate the folder with migration:iac:generate to get a model',
        },
      ],
    });
  }
  checks.push(checkReferences(modules));
  checks.push(
    ...runPolicyChecks(modules, {
      complianceProfile: options.complianceProfile ?? model?.complianceProfile,
      allowedRegions: options.allowedRegions,
      instanceTypes: options.instanceTypes,
    }),
  );

  const waves = wavesFromModules(modules, generated?.waves);
  const terraform: IacReport['terraform'] = { ran: false, steps: [] };
  if (!options.terraform) {
    terraform.reason =
      'migration.iac.terraformCommand is not configured: fmt, init, validate and plan did not run';
  } else if ('reason' in options.terraform) {
    terraform.reason = options.terraform.reason;
  } else if (checks[0].status === 'fail') {
    terraform.command = options.terraform.command;
    terraform.reason =
      'the files do not parse, so the terraform command was not run';
  } else {
    terraform.command = options.terraform.command;
    terraform.ran = true;
    terraform.steps = await runTerraformSteps(options.terraform, waves);
    const failedSteps = terraform.steps.filter(s => s.status === 'fail');
    checks.push({
      id: 'terraform',
      title: `${options.terraform.command} fmt, init, validate, plan`,
      status: failedSteps.length ? 'fail' : 'pass',
      checked: terraform.steps.filter(s => s.status !== 'skipped').length,
      findings: failedSteps.map(s => ({
        status: 'fail' as const,
        file: s.folder,
        message: `${
          options.terraform && 'command' in options.terraform
            ? options.terraform.command
            : ''
        } ${s.step} failed in ${s.folder}${
          s.exitCode !== undefined ? ` (exit ${s.exitCode})` : ''
        }${s.message ? `: ${s.message}` : ''}`,
      })),
    });
  }

  const status = worst(checks.map(c => c.status));
  return {
    version: 1,
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    ...(model
      ? {
          migrationId: model.migrationId,
          target: {
            provider: model.target.provider,
            region: model.target.region,
          },
        }
      : {}),
    status,
    summary: {
      files: tfFiles.length,
      waves: waves.length,
      resources: waves.reduce((n, w) => n + w.resourceCount, 0),
      imports: waves.reduce((n, w) => n + w.importCount, 0),
      pass: checks.filter(c => c.status === 'pass').length,
      warn: checks.filter(c => c.status === 'warn').length,
      fail: checks.filter(c => c.status === 'fail').length,
    },
    files: files
      .map(f => ({
        path: f.path,
        sha256: createHash('sha256').update(f.content).digest('hex'),
        bytes: Buffer.byteLength(f.content),
      }))
      .sort((a, b) => (a.path < b.path ? -1 : 1)),
    waves,
    checks,
    terraform,
    warnings: [...(options.generatorWarnings ?? generated?.warnings ?? [])],
  };
}
