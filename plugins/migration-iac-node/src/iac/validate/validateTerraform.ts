import type {
  ComplianceProfile,
  IacCheckResult,
  IacReport,
  InstanceTypeCatalog,
} from '@sirsi-nexus/plugin-migration-common';
import { createHash } from 'node:crypto';
import type {
  BundleFile,
  TerraformBundle,
} from '../generator/generateTerraform';
import type { IacModel } from '../model';
import { runPolicyChecks } from '../policy/checks';
import {
  modelCheck,
  parseCheck,
  wavesFromModules,
  worst,
  type ReportWave,
} from './bundleChecks';
import { parseModules } from './module';
import { hcl2jsonParser, type HclParser } from './parser';
import { sharedHclParserPool } from './parserPool';
import { piecewiseParser } from './piecewiseParser';
import { checkReferences } from './references';
import { terraformSteps, type TerraformStepsOptions } from './terraformSteps';

export type { TerraformStepsOptions } from './terraformSteps';

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
  /**
   * Checks the caller ran outside the files (e.g. `landingZoneCheck` against the target's
   * existing networks); they count towards the report's status like the others.
   */
  additionalChecks?: IacCheckResult[];
  now?: () => Date;
}

const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/** Above this much HCL, parsing is spread over worker threads. */
const LARGE_BUNDLE_BYTES = 2 * 1024 * 1024;

/**
 * Validates Terraform files: parses every file back with HashiCorp's HCL parser (large files in
 * pieces, see `piecewiseParser`), compares them
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
  const parser = piecewiseParser(
    options.parser ??
      (bytes > LARGE_BUNDLE_BYTES ? sharedHclParserPool() : hcl2jsonParser),
  );
  const modules = await parseModules(tfFiles, parser);
  const checks: IacCheckResult[] = [parseCheck(modules, tfFiles.length)];
  // Each check runs over every block: the loop gets a turn between them (task heartbeats).
  await yieldToEventLoop();
  const { model, generated, check } = modelCheck(files, modules, options);
  checks.push(check);
  await yieldToEventLoop();
  checks.push(checkReferences(modules));
  await yieldToEventLoop();
  checks.push(
    ...runPolicyChecks(modules, {
      complianceProfile: options.complianceProfile ?? model?.complianceProfile,
      allowedRegions: options.allowedRegions,
      instanceTypes: options.instanceTypes,
    }),
  );
  checks.push(...(options.additionalChecks ?? []));
  const waves = wavesFromModules(modules, generated?.waves);
  const steps = await terraformSteps(options.terraform, checks[0], waves);
  if (steps.check) checks.push(steps.check);
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
    status: worst(checks.map(c => c.status)),
    summary: summary(tfFiles.length, waves, checks),
    files: fileDigests(files),
    waves,
    checks,
    terraform: steps.terraform,
    warnings: [...(options.generatorWarnings ?? generated?.warnings ?? [])],
  };
}

function summary(
  files: number,
  waves: ReportWave[],
  checks: IacCheckResult[],
): IacReport['summary'] {
  return {
    files,
    waves: waves.length,
    resources: waves.reduce((n, w) => n + w.resourceCount, 0),
    imports: waves.reduce((n, w) => n + w.importCount, 0),
    pass: checks.filter(c => c.status === 'pass').length,
    warn: checks.filter(c => c.status === 'warn').length,
    fail: checks.filter(c => c.status === 'fail').length,
  };
}

/** Every file of the bundle with its size and SHA-256, in path order. */
function fileDigests(files: BundleFile[]): IacReport['files'] {
  return files
    .map(f => ({
      path: f.path,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      bytes: Buffer.byteLength(f.content),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}
