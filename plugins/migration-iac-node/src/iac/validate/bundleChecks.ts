import type {
  IacCheckResult,
  IacReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  MODEL_FILE_NAME,
  generateTerraform,
  type BundleFile,
  type BundleWave,
  type TerraformBundle,
} from '../generator/generateTerraform';
import type { IacModel } from '../model';
import { assertValidIacModel } from '../validateModel';
import { compareWithModel } from './compareWithModel';
import type { ParsedModule } from './module';
import { formatDiagnostic } from './parser';

/** A wave folder as the report lists it. */
export type ReportWave = IacReport['waves'][number];

const STATUS_ORDER = { pass: 0, warn: 1, fail: 2 } as const;

/** The worst of the statuses; `pass` when there are none. */
export function worst(statuses: Array<'pass' | 'warn' | 'fail'>) {
  return statuses.reduce<'pass' | 'warn' | 'fail'>(
    (a, b) => (STATUS_ORDER[b] > STATUS_ORDER[a] ? b : a),
    'pass',
  );
}

/** Every syntax error the parser reported, located. */
export function parseCheck(
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

/**
 * Compares the files with the model (given, or the bundle's model file); without a model the
 * comparison is reported as not done, with a broken model file as failed.
 */
export function modelCheck(
  files: BundleFile[],
  modules: ParsedModule[],
  given: { model?: IacModel; bundle?: TerraformBundle },
): { model?: IacModel; generated?: TerraformBundle; check: IacCheckResult } {
  const fromBundle = given.model ? {} : bundleModel(files);
  const model = given.model ?? fromBundle.model;
  if (model) {
    const generated = given.bundle ?? generateTerraform(model);
    return {
      model,
      generated,
      check: compareWithModel(generated.documents, modules),
    };
  }
  const status = fromBundle.problem ? 'fail' : 'warn';
  return {
    check: {
      id: 'model',
      title: 'Files match the model',
      status,
      checked: 0,
      findings: [
        {
          status,
          file: MODEL_FILE_NAME,
          message:
            fromBundle.problem ??
            `No ${MODEL_FILE_NAME}: the files were not compared with a model`,
          remediation:
            'Generate the folder with migration:iac:generate to get a model',
        },
      ],
    },
  };
}

/** Counts `resource` and `import` blocks per folder from the parsed modules. */
export function wavesFromModules(
  modules: ParsedModule[],
  generated?: BundleWave[],
): ReportWave[] {
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
