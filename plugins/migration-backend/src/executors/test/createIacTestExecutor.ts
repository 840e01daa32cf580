import { availableParallelism } from 'node:os';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type Assessment,
  type DiscoveredResource,
  type IacReport,
  type InstanceTypeCatalog,
} from '@sirsi-nexus/plugin-migration-common';
import {
  generateTerraform,
  iacModelFromAssessment,
  sharedHclParserPool,
  zipBundle,
  type BundleFile,
  type HclParser,
  type IacModel,
  type IacModelFromAssessmentOptions,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import {
  PermanentTaskError,
  readArtifact,
  readMigrationResources,
  writeArtifact,
  type CloudCapabilityLookup,
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { replicatorOf } from '../transfer/servers/replicatorOf';
import { selectServers } from '../transfer/servers/serverCandidates';
import type { ResourceLookup } from './catalogResourceLookup';
import {
  emptyIacReport,
  failedFindings,
  validateIacBundle,
} from './validateIacBundle';

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
  /**
   * What the installed clouds can do. When the target cloud offers a server migration service
   * for the migration's target, the machines the transfer phase moves through it get no
   * instances in the Terraform, only their landing zone and `launch_settings`.
   */
  capabilities?: CloudCapabilityLookup;
}

type BuiltModel = ReturnType<typeof iacModelFromAssessment> & {
  model: IacModel;
};

/** The captured resources plus those they depend on that the catalog knows but nobody selected. */
async function readResources(
  ctx: TaskContext,
  lookup: ResourceLookup | undefined,
): Promise<DiscoveredResource[]> {
  const resources = (await readMigrationResources(ctx.artifacts)).flatMap(c =>
    c.resource ? [c.resource] : [],
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

async function readAssessment(ctx: TaskContext): Promise<Assessment> {
  const definition = MIGRATION_ARTIFACTS.assessment;
  const assessment = await readArtifact(ctx.artifacts, definition);
  if (!assessment) {
    throw new PermanentTaskError(
      `The ${definition.name} artifact is missing; the specify phase must run first`,
    );
  }
  return assessment;
}

/**
 * Who launches each machine: the target cloud's migration service for the servers the transfer
 * phase moves through it (the same selection: `selectServers`), when the target offers one;
 * Terraform otherwise.
 */
async function launchedBy(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup | undefined,
): Promise<IacModelFromAssessmentOptions['launchedBy']> {
  const replicator = capabilities && replicatorOf(ctx.migration, capabilities);
  if (!replicator) return undefined;
  const { servers } = await selectServers(ctx.artifacts);
  const moved = new Set(
    servers.flatMap(s => [
      s.entityRef.toLowerCase(),
      ...(s.resource.resource ? [s.resource.resource.externalId] : []),
    ]),
  );
  ctx.logger.info(
    `${replicator.service} launches the ${servers.length} server(s) the transfer phase moves; their Terraform has no instances, only launch settings`,
  );
  return machine =>
    moved.has(machine.id) ||
    (machine.entityRef !== undefined &&
      moved.has(machine.entityRef.toLowerCase()))
      ? 'migration-service'
      : undefined;
}

/**
 * The Terraform model, computed once: a retry generates exactly the same bundle. The assessment
 * is read inside, so none of it stays referenced while the bundle is generated and validated.
 */
async function buildModel(
  ctx: TaskContext,
  deps: IacTestExecutorDeps,
): Promise<BuiltModel> {
  const built = await ctx.checkpoint({
    key: 'iac-model',
    fn: async () => {
      const result = iacModelFromAssessment(await readAssessment(ctx), {
        migrationId: ctx.migration.id,
        owner: ctx.migration.owner,
        resources: await readResources(ctx, deps.lookupResources),
        target: deps.targetDetails?.(ctx.migration.target.environmentId),
        adminSources: deps.settings.adminSources,
        tags: deps.settings.defaultTags,
        launchedBy: await launchedBy(ctx, deps.capabilities),
      });
      // The checkpoint stores a JSON copy and returns it: no copy of our own.
      return result as unknown as JsonObject;
    },
  });
  return built as unknown as BuiltModel;
}

const yieldToEventLoop = () =>
  new Promise<void>(resolve => setImmediate(resolve));

/** Bundles of more machines are several MiB of HCL, which validation parses on the pool. */
const WARM_UP_MACHINES = 1_000;

/**
 * Starts the shared parser pool's workers (one per CPU, at most four, as the pool sizes itself)
 * while the bundle is generated: each loads and compiles the WebAssembly parser, about half a
 * second, which would otherwise delay the first parse.
 */
function warmUpParserPool(deps: IacTestExecutorDeps, model: IacModel) {
  const machines = model.waves.reduce((n, w) => n + w.instances.length, 0);
  if (deps.parser || machines <= WARM_UP_MACHINES) return;
  const pool = sharedHclParserPool();
  for (let i = 0; i < Math.min(4, availableParallelism()); i++) {
    pool.parse('warm-up.tf', '').catch(() => undefined);
  }
}

/** Stores the report (and the bundle zip, when there is one) once per task. */
async function storeIacArtifacts(
  ctx: TaskContext,
  report: IacReport,
  zip?: Promise<Buffer>,
) {
  await ctx.checkpoint({
    key: 'store-artifacts',
    fn: async () => {
      if (zip) {
        await writeArtifact(
          ctx.artifacts,
          MIGRATION_ARTIFACTS.iacBundle,
          await zip,
        );
      }
      await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.iacReport, report);
    },
  });
}

/**
 * Zips the bundle while it is validated (zlib works on the thread pool, validation on the main
 * thread and the parser workers): the zip's buffers come and go early in validation, not on top
 * of validation's own memory at its end. The zip is the same whenever it is made.
 */
function zipWhileValidating(files: BundleFile[]): Promise<Buffer> {
  const zip = zipBundle(files);
  // Awaited when the artifacts are stored; a failure surfaces there, not as an unhandled rejection.
  zip.catch(() => undefined);
  return zip;
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
    taskType: TASK_TYPES.testGenerateIac,
    plan: () => [
      {
        key: TASK_TYPES.testGenerateIac,
        title: 'Generate and validate Terraform',
      },
    ],
    async run(ctx) {
      await ctx.progress(0.05, 'Building the Terraform model');
      const { model, skipped, warnings } = await buildModel(ctx, deps);
      const notGenerated = skipped.map(
        s => `Not generated: ${s.name} (${s.reason})`,
      );
      if (skipped.length > 0) ctx.logger.info(summarizeSkipped(skipped));

      if (model.waves.length === 0) {
        const report = emptyIacReport(model, [...warnings, ...notGenerated]);
        await storeIacArtifacts(ctx, report);
        return { waves: 0, resources: 0, status: report.status };
      }

      await ctx.progress(0.2, 'Generating Terraform');
      warmUpParserPool(deps, model);
      // Generation runs for a second or two on a large model: the event loop (task heartbeats)
      // gets a turn before and after it, on SQLite the store's calls do not give it one.
      await yieldToEventLoop();
      const bundle = generateTerraform(model);
      await yieldToEventLoop();
      await ctx.progress(0.35, `Validating ${bundle.files.length} files`);
      const zip = zipWhileValidating(bundle.files);
      const report = await validateIacBundle(ctx, deps, {
        model,
        bundle,
        generatorWarnings: [...warnings, ...bundle.warnings, ...notGenerated],
      });
      await ctx.progress(0.9, 'Storing the bundle and the report');
      await storeIacArtifacts(ctx, report, zip);
      await ctx.progress(1, `Terraform ${report.status}`);

      if (report.status === 'fail') {
        throw new PermanentTaskError(
          `The generated Terraform failed validation (${
            report.summary.fail
          } failed check(s)): ${failedFindings(report).join('; ')}. See ${
            MIGRATION_ARTIFACTS.iacReport.name
          }.`,
        );
      }
      return {
        status: report.status,
        waves: report.summary.waves,
        resources: report.summary.resources,
        files: report.summary.files,
        warnings: report.checks.filter(c => c.status === 'warn').length,
        terraformRan: report.terraform.ran,
        launchedByService: model.waves
          .flatMap(w => w.instances)
          .filter(i => i.launchedBy === 'migration-service').length,
      };
    },
  };
}

/**
 * One log line for the resources left out of the Terraform (the report lists each of them): a
 * large estate has thousands, and a line per resource drowned the task's log.
 */
export function summarizeSkipped(
  skipped: ReadonlyArray<{ name: string; reason: string }>,
): string {
  const byReason = new Map<string, string[]>();
  for (const { name, reason } of skipped) {
    const names = byReason.get(reason) ?? [];
    names.push(name);
    byReason.set(reason, names);
  }
  const groups = [...byReason].map(([reason, names]) => {
    const shown = names.slice(0, 3).join(', ');
    const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
    return `${names.length} × ${reason} (${shown}${more})`;
  });
  return `Not generated: ${
    skipped.length
  } resource(s), listed in the IaC report: ${groups.join('; ')}`;
}
