import type {
  Migration,
  PerformanceBaseline,
  TransferReport,
  ValidationCheck,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  resourcesFromIacModel,
  resourcesFromTerraformJson,
  securityChecks,
  unzipBundle,
  type IacModel,
} from '@sirsi-nexus/plugin-migration-iac-node';
import {
  type ArtifactReader,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createAddressPolicy,
  runValidation,
  type ValidationEndpoint,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { PermanentTaskError } from '../../engine/TaskWorker';
import { IAC_BUNDLE_ARTIFACT } from './build';
import type { ExecutionConfig } from './config';
import { asJson } from './json';
import {
  BASELINE_ARTIFACT,
  TRANSFER_ARTIFACT,
  buildEndpoints,
} from './transfer';

/** Task type of the validation executor (replaces the built-in one of the same type). */
export const VALIDATE_TASK = 'validate.verify';
export const VALIDATION_ARTIFACT = 'validation.json';

async function securityFor(
  migration: Migration,
  artifacts: ArtifactReader,
): Promise<ValidationCheck[]> {
  const profile = migration.options.complianceProfile;
  const plans = (await artifacts.list()).filter(a =>
    /^terraform-plan-.+\.json$/.test(a.name),
  );
  if (plans.length) {
    const resources = [];
    for (const plan of plans) {
      resources.push(
        ...resourcesFromTerraformJson(
          (await artifacts.getJson<Record<string, any>>(plan.name)) ?? {},
        ),
      );
    }
    return securityChecks(resources, {
      profile,
      source: `terraform plan of ${plans.length} wave(s)`,
    });
  }
  const bundle = await artifacts.get(IAC_BUNDLE_ARTIFACT);
  const model = bundle
    ? unzipBundle(new Uint8Array(bundle.content)).find(
        f => f.path === 'iac-model.json' || f.path.endsWith('/iac-model.json'),
      )
    : undefined;
  if (model) {
    return securityChecks(
      resourcesFromIacModel(JSON.parse(model.content) as IacModel),
      {
        profile,
        source: 'IaC model of the bundle (no Terraform plan exists)',
      },
    );
  }
  const at = new Date().toISOString();
  return [
    {
      id: 'security.compliance',
      category: 'security',
      name: 'Compliance rules on the target',
      status: 'warning',
      message:
        'Neither a Terraform plan nor an IaC bundle exists, so the compliance rules could not be re-run',
      metrics: {},
      remediation:
        'Run the test phase (IaC generation) and the build phase first',
      startedAt: at,
      completedAt: at,
    },
  ];
}

/**
 * Runs the post-migration checks of a migration from its artifacts: data from the transfer
 * report, network and performance against the endpoints the build published, security on the
 * plan. Shared by the `validate` phase and `POST /migrations/{id}/validate`.
 *
 * @public
 */
export async function validateMigration(options: {
  migration: Migration;
  artifacts: ArtifactReader;
  config: ExecutionConfig;
  /** More endpoints to probe; they still must belong to the targets or the allowed ranges. */
  extraEndpoints?: ValidationEndpoint[];
  onCheck?: (
    check: ValidationCheck,
    done: number,
    total: number,
  ) => void | Promise<void>;
  signal?: AbortSignal;
}): Promise<ValidationReport> {
  const { migration, artifacts, config } = options;
  const built = await buildEndpoints(artifacts);
  const policy = await createAddressPolicy({
    allowedRanges: config.validation.allowedRanges,
    targets: built.map(e => e.host),
  });
  const endpoints = [...built, ...(options.extraEndpoints ?? [])];
  return runValidation(
    {
      endpoints,
      transfer: await artifacts.getJson<TransferReport>(TRANSFER_ARTIFACT),
      baseline: await artifacts.getJson<PerformanceBaseline>(BASELINE_ARTIFACT),
      security: await securityFor(migration, artifacts),
      noEndpointsReason: migration.options.rehearsal
        ? 'Rehearsal: nothing was built, so there is no target endpoint to probe yet'
        : 'The build published no `endpoints` output, so no target endpoint is known',
    },
    {
      policy,
      timeoutMs: config.validation.timeoutMs,
      latencySamples: config.validation.latencySamples,
      latencyRegressionPercent: config.validation.latencyRegressionPercent,
      latencyToleranceMs: config.validation.latencyToleranceMs,
      certificateWarningDays: config.validation.certificateWarningDays,
      ca: config.validation.caCertificates.length
        ? config.validation.caCertificates
        : undefined,
      onCheck: options.onCheck,
      signal: options.signal,
    },
  );
}

/**
 * `validate`: data, network, performance and security checks into `validation.json`. A failed
 * check fails the task of a real migration (so it stops before optimize/support and can be rolled
 * back) unless `migration.validation.failOnError` is false; rehearsals only report.
 *
 * @public
 */
export function createValidateExecutor(deps: {
  config: ExecutionConfig;
}): MigrationExecutor {
  return {
    phase: 'validate',
    taskType: VALIDATE_TASK,
    plan: () => [
      {
        key: VALIDATE_TASK,
        title: 'Validate data, network, performance and security',
      },
    ],
    async run(ctx) {
      const report = (await ctx.checkpoint({
        key: 'checks',
        fn: async () =>
          asJson(
            await validateMigration({
              migration: ctx.migration,
              artifacts: ctx.artifacts,
              config: deps.config,
              signal: ctx.signal,
              onCheck: (check, done, total) =>
                ctx.progress(done / total, `${check.name}: ${check.status}`),
            }),
          ),
      })) as unknown as ValidationReport;
      await ctx.artifacts.put(VALIDATION_ARTIFACT, asJson(report));
      const failed = report.checks.filter(c => c.status === 'failed');
      if (
        failed.length &&
        !ctx.migration.options.rehearsal &&
        deps.config.validation.failOnError
      ) {
        throw new PermanentTaskError(
          `${failed.length} validation check(s) failed: ${failed
            .slice(0, 5)
            .map(c => `${c.name} (${c.message})`)
            .join('; ')}`,
        );
      }
      return asJson(report.summary);
    },
  };
}
