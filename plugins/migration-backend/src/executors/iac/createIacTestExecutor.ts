import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  ASSESSMENT_SCHEMA_VERSION,
  PLAN_ENTITIES_ARTIFACT,
  assessmentSchema,
  type DiscoveredResource,
  type IacReport,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createShippedInstanceTypeCatalog,
  resourcesFromEntities,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import type { InstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-common';
import {
  createTerraformRunner,
  generateTerraform,
  iacModelFromAssessment,
  validateTerraform,
  writeBundleFiles,
  zipBundle,
  type HclParser,
  type IacModel,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import {
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { Entity } from '@backstage/catalog-model';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PermanentTaskError } from '../../engine/TaskWorker';
import type { ResourceLookup } from './catalogResourceLookup';

/** Task type of the IaC generation and validation in the `test` phase. */
export const IAC_TASK = 'test.generate-iac';
/** The zipped Terraform bundle, one folder per wave. */
export const IAC_BUNDLE_ARTIFACT = 'iac-bundle.zip';
/** What was generated and how it was validated. */
export const IAC_REPORT_ARTIFACT = 'iac-report.json';

const ASSESSMENT_ARTIFACT = 'assessment.json';

/**
 * What the IaC executor needs.
 *
 * @public
 */
export interface IacTestExecutorDeps {
  /** `migration.iac`, read with `readIacSettings`. */
  settings: IacSettings;
  logger: LoggerService;
  /** Target details from the target environment's config (GCP project). */
  targetDetails?: (environmentId: string | undefined) => { project?: string };
  /** Finds resources the selection depends on but did not select. */
  lookupResources?: ResourceLookup;
  parser?: HclParser;
  instanceTypes?: InstanceTypeCatalog;
}

async function readResources(
  ctx: TaskContext,
  lookup: ResourceLookup | undefined,
): Promise<DiscoveredResource[]> {
  const plan = await ctx.artifacts.getJson<PlanEntitiesArtifact>(
    PLAN_ENTITIES_ARTIFACT,
  );
  if (!plan || !Array.isArray(plan.entities)) {
    throw new PermanentTaskError(
      `The ${PLAN_ENTITIES_ARTIFACT} artifact of the plan phase is missing`,
    );
  }
  const { resources } = resourcesFromEntities(
    plan.entities as unknown as Entity[],
    { strict: false },
  );
  if (!lookup) return resources;
  const known = new Set(resources.map(r => r.externalId.toLowerCase()));
  const missing = [...new Set(resources.flatMap(r => r.dependsOn))].filter(
    id => !known.has(id.toLowerCase()),
  );
  if (missing.length === 0) return resources;
  const found = await lookup(missing.sort());
  ctx.logger.info(
    `Looked up ${missing.length} dependencies outside the selection; ${found.length} found in the catalog`,
  );
  return [...resources, ...found];
}

/**
 * The `test` phase's infrastructure-as-code task: builds the Terraform model from the
 * `assessment.json` of the specify phase, generates one folder per wave, validates it (HCL
 * parse-back, model comparison, references, policy; `fmt`/`init`/`validate`/`plan` when
 * `migration.iac.terraformCommand` is set) and stores `iac-bundle.zip` and `iac-report.json`.
 * Policy failures fail the task after the report is stored, so the build never applies them.
 *
 * @public
 */
export function createIacTestExecutor(
  deps: IacTestExecutorDeps,
): MigrationExecutor {
  return {
    phase: 'test',
    taskType: IAC_TASK,
    plan: () => [{ key: IAC_TASK, title: 'Generate and validate Terraform' }],
    async run(ctx) {
      const raw = await ctx.artifacts.getJson(ASSESSMENT_ARTIFACT);
      if (!raw) {
        throw new PermanentTaskError(
          `The ${ASSESSMENT_ARTIFACT} artifact is missing; the specify phase must run first`,
        );
      }
      const parsed = assessmentSchema.safeParse(raw);
      if (!parsed.success) {
        throw new PermanentTaskError(
          `${ASSESSMENT_ARTIFACT} is not a version ${ASSESSMENT_SCHEMA_VERSION} assessment: ${parsed.error.issues[0].path.join(
            '.',
          )} ${parsed.error.issues[0].message}`,
        );
      }
      const assessment = parsed.data;
      await ctx.progress(0.05, 'Building the Terraform model');

      // The model is computed once: a retry generates exactly the same bundle.
      const built = await ctx.checkpoint({
        key: 'iac-model',
        fn: async () => {
          const resources = await readResources(ctx, deps.lookupResources);
          const result = iacModelFromAssessment(assessment, {
            migrationId: ctx.migration.id,
            owner: ctx.migration.owner,
            resources,
            target: deps.targetDetails?.(ctx.migration.target.environmentId),
            adminSources: deps.settings.adminSources,
            tags: deps.settings.defaultTags,
          });
          return JSON.parse(JSON.stringify(result)) as JsonObject;
        },
      });
      const { model, skipped, warnings } = built as unknown as ReturnType<
        typeof iacModelFromAssessment
      > & { model: IacModel };
      for (const s of skipped) {
        ctx.logger.info(`Not generated: ${s.name} (${s.reason})`);
      }

      if (model.waves.length === 0) {
        const report = emptyReport(model, warnings, skipped);
        await ctx.checkpoint({
          key: 'store-artifacts',
          fn: async () => {
            await ctx.artifacts.put(
              IAC_REPORT_ARTIFACT,
              report as unknown as JsonObject,
            );
          },
        });
        return { waves: 0, resources: 0, status: report.status };
      }

      await ctx.progress(0.2, 'Generating Terraform');
      const bundle = generateTerraform(model);
      await ctx.progress(0.35, `Validating ${bundle.files.length} files`);

      const command = deps.settings.terraformCommand;
      let workdir: string | undefined;
      let report: IacReport;
      try {
        let terraform;
        if (command) {
          workdir = await mkdtemp(
            join(tmpdir(), `sirsi-iac-${ctx.migration.id}-`),
          );
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
        report = await validateTerraform(bundle.files, {
          model,
          bundle,
          parser: deps.parser,
          instanceTypes:
            deps.instanceTypes ?? createShippedInstanceTypeCatalog(),
          allowedRegions: deps.settings.allowedRegions,
          generatorWarnings: [
            ...warnings,
            ...bundle.warnings,
            ...skipped.map(s => `Not generated: ${s.name} (${s.reason})`),
          ],
          ...(terraform ? { terraform } : {}),
        });
      } finally {
        if (workdir) await rm(workdir, { recursive: true, force: true });
      }
      await ctx.progress(0.9, 'Storing the bundle and the report');

      await ctx.checkpoint({
        key: 'store-artifacts',
        fn: async () => {
          await ctx.artifacts.put(
            IAC_BUNDLE_ARTIFACT,
            zipBundle(bundle.files),
            {
              mediaType: 'application/zip',
            },
          );
          await ctx.artifacts.put(
            IAC_REPORT_ARTIFACT,
            report as unknown as JsonObject,
          );
        },
      });
      await ctx.progress(1, `Terraform ${report.status}`);

      if (report.status === 'fail') {
        const failures = report.checks
          .filter(c => c.status === 'fail')
          .flatMap(c => c.findings.filter(f => f.status === 'fail'))
          .slice(0, 5)
          .map(f =>
            `${f.file ?? ''}${f.line ? `:${f.line}` : ''} ${f.message}`.trim(),
          );
        throw new PermanentTaskError(
          `The generated Terraform failed validation (${
            report.summary.fail
          } failed check(s)): ${failures.join(
            '; ',
          )}. See ${IAC_REPORT_ARTIFACT}.`,
        );
      }
      return {
        status: report.status,
        waves: report.summary.waves,
        resources: report.summary.resources,
        files: report.summary.files,
        warnings: report.checks.filter(c => c.status === 'warn').length,
        terraformRan: report.terraform.ran,
      };
    },
  };
}

function emptyReport(
  model: IacModel,
  warnings: string[],
  skipped: Array<{ name: string; reason: string }>,
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
    warnings: [
      ...warnings,
      ...skipped.map(s => `Not generated: ${s.name} (${s.reason})`),
    ],
  };
}
