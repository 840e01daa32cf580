import { z } from 'zod';
import {
  assessmentSchema,
  businessCaseSchema,
  type Assessment,
  type BusinessCase,
} from '../assessment';
import type {
  BuildReport,
  ImageCopyResult,
  MigrationReport,
  OptimizationReport,
  PerformanceBaseline,
  SupportConfiguration,
  ValidationReport,
} from '../execution';
import type { DnsCutoverArtifact, TransferArtifact } from '../replication';
import type { IacReport } from '../iac';
import type { EnvironmentCheck, PlanEntitiesArtifact } from '../migration';
import { TASK_TYPES, type TaskType } from './taskTypes';

/**
 * One artifact of the phase contract: what it is called, what it holds and who writes it.
 *
 * @public
 */
export interface ArtifactDefinition<T = unknown> {
  /** The artifact's name within a migration, e.g. `assessment.json`. */
  name: string;
  /** Media type it is stored and served with. */
  mediaType: string;
  /** The task types that write it. */
  producedBy: readonly TaskType[];
  /** What a page shows as its title. */
  title: string;
  /**
   * The schema of a JSON artifact (checked when it is written and read); absent for files
   * (Markdown, YAML, ZIP) whose content is not JSON.
   */
  schema?: z.ZodType<T>;
}

/**
 * A schema that checks the fields every consumer relies on and lets the producer add more.
 * Executors evolve their artifacts additively; readers must not break on a new field.
 */
function shape<T>(fields: z.ZodRawShape): z.ZodType<T> {
  return z.looseObject(fields) as unknown as z.ZodType<T>;
}

const json = 'application/json';
/** Markdown as the engine stores strings: UTF-8, and saying so keeps browsers from guessing. */
const markdown = 'text/markdown; charset=utf-8';
const statements = z.array(z.string());

/**
 * Checks and when they ran: `readiness-checks.json`, and each `environment-<id>.json` (which adds
 * the environment it checked).
 *
 * @public
 */
export interface ChecksArtifact {
  checkedAt: string;
  checks: EnvironmentCheck[];
}

function define<T>(definition: ArtifactDefinition<T>): ArtifactDefinition<T> {
  return definition;
}

/**
 * The artifacts of the phase contract. Producers write and consumers (executors, the portal,
 * the scaffolder actions) read them through these definitions; no other place names them.
 *
 * @public
 */
export const MIGRATION_ARTIFACTS = {
  planEntities: define<PlanEntitiesArtifact>({
    name: 'plan-entities.json',
    mediaType: json,
    producedBy: [TASK_TYPES.planSnapshotEntities],
    title: 'Resources as requested (catalog snapshot)',
    schema: shape({
      capturedAt: z.string(),
      selectedRefs: z.array(z.string()),
      entities: z.array(
        z.looseObject({
          apiVersion: z.string(),
          kind: z.string(),
          metadata: z.looseObject({ name: z.string() }),
        }),
      ),
    }),
  }),
  specifySummary: define<Record<string, unknown>>({
    name: 'specify-summary.json',
    mediaType: json,
    producedBy: [TASK_TYPES.specifySummarize],
    title: 'Specification summary',
    schema: shape({}),
  }),
  assessment: define<Assessment>({
    name: 'assessment.json',
    mediaType: json,
    producedBy: [TASK_TYPES.planAssess, TASK_TYPES.specifyAssess],
    title: 'Assessment',
    schema: assessmentSchema as unknown as z.ZodType<Assessment>,
  }),
  assessmentMarkdown: define<string>({
    name: 'assessment.md',
    mediaType: markdown,
    producedBy: [TASK_TYPES.planAssess, TASK_TYPES.specifyAssess],
    title: 'Assessment (readable)',
  }),
  businessCase: define<BusinessCase>({
    name: 'business-case.json',
    mediaType: json,
    producedBy: [TASK_TYPES.specifyAssess],
    title: 'Business case',
    schema: businessCaseSchema as unknown as z.ZodType<BusinessCase>,
  }),
  readinessChecks: define<ChecksArtifact>({
    name: 'readiness-checks.json',
    mediaType: json,
    producedBy: [TASK_TYPES.testCheckReadiness],
    title: 'Readiness checks',
    schema: shape({
      checkedAt: z.string(),
      checks: z.array(
        z.looseObject({
          id: z.string(),
          title: z.string(),
          status: z.enum(['pass', 'warn', 'fail']),
          message: z.string(),
        }),
      ),
    }),
  }),
  iacBundle: define<Uint8Array>({
    name: 'iac-bundle.zip',
    mediaType: 'application/zip',
    producedBy: [TASK_TYPES.testGenerateIac],
    title: 'Terraform bundle',
  }),
  iacReport: define<IacReport>({
    name: 'iac-report.json',
    mediaType: json,
    producedBy: [TASK_TYPES.testGenerateIac],
    title: 'Terraform checks',
    schema: shape({
      version: z.literal(1),
      generatedAt: z.string(),
      status: z.enum(['pass', 'warn', 'fail']),
      checks: z.array(z.unknown()),
    }),
  }),
  terraformPlans: define<Record<string, unknown>>({
    name: 'terraform-plans.json',
    mediaType: json,
    producedBy: [TASK_TYPES.testTerraformPlan],
    title: 'Saved Terraform plans',
    schema: shape({}),
  }),
  build: define<BuildReport>({
    name: 'build.json',
    mediaType: json,
    producedBy: [TASK_TYPES.buildProvision],
    title: 'Build',
    schema: shape({
      rehearsal: z.boolean(),
      waves: z.array(z.unknown()),
      statements,
    }),
  }),
  transfer: define<TransferArtifact>({
    name: 'transfer.json',
    mediaType: json,
    producedBy: [TASK_TYPES.transferMove],
    title: 'Transfer',
    schema: shape({
      rehearsal: z.boolean(),
      destination: z.string(),
      status: z.looseObject({
        state: z.string(),
        objects: z.array(z.unknown()),
      }),
      imageCopies: z.array(z.unknown()),
      statements,
      replication: z
        .looseObject({
          status: z.looseObject({ state: z.string() }),
          servers: z.array(
            z.looseObject({
              entityRef: z.string(),
              name: z.string(),
              step: z.string(),
              bytesTransferred: z.number(),
              totalBytes: z.number(),
            }),
          ),
          skipped: z.array(z.unknown()),
        })
        .optional(),
    }),
  }),
  transferManifest: define<Record<string, unknown>>({
    name: 'transfer-manifest.json',
    mediaType: json,
    producedBy: [TASK_TYPES.transferMove],
    title: 'Transfer checkpoint',
    schema: shape({ objects: z.array(z.unknown()) }),
  }),
  imageCopies: define<ImageCopyResult[]>({
    name: 'image-copies.json',
    mediaType: json,
    producedBy: [TASK_TYPES.transferMove],
    title: 'Machine image copies',
    schema: z.array(
      z.looseObject({ kind: z.string(), state: z.string() }),
    ) as unknown as z.ZodType<ImageCopyResult[]>,
  }),
  dnsCutover: define<DnsCutoverArtifact>({
    name: 'dns-cutover.json',
    mediaType: json,
    producedBy: [TASK_TYPES.transferMove],
    title: 'DNS cutover',
    schema: shape({
      records: z.array(z.unknown()),
      steps: z.array(z.unknown()),
      revert: z.array(z.unknown()),
      execution: z
        .looseObject({
          rehearsal: z.boolean(),
          records: z.array(
            z.looseObject({
              name: z.string(),
              type: z.string(),
              state: z.string(),
              calls: z.array(z.unknown()),
            }),
          ),
          statements,
        })
        .optional(),
    }),
  }),
  performanceBaseline: define<PerformanceBaseline>({
    name: 'performance-baseline.json',
    mediaType: json,
    producedBy: [TASK_TYPES.transferMove],
    title: 'Latency baseline before cutover',
    schema: shape({ capturedAt: z.string(), endpoints: z.array(z.unknown()) }),
  }),
  validation: define<ValidationReport>({
    name: 'validation.json',
    mediaType: json,
    producedBy: [TASK_TYPES.validateVerify],
    title: 'Validation',
    schema: shape({
      ranAt: z.string(),
      status: z.enum(['passed', 'warning', 'failed']),
      checks: z.array(z.unknown()),
    }),
  }),
  postMigrationUtilization: define<Record<string, unknown>>({
    name: 'post-migration-utilization.json',
    mediaType: json,
    producedBy: [],
    title: 'Utilisation after the move (supplied by operations)',
    schema: shape({}),
  }),
  optimization: define<OptimizationReport>({
    name: 'optimization.json',
    mediaType: json,
    producedBy: [TASK_TYPES.optimizeRecommend],
    title: 'Optimisation',
    schema: shape({
      generatedAt: z.string(),
      recommendations: z.array(z.unknown()),
      totalEstimatedMonthlySavings: z.number(),
      currency: z.string(),
    }),
  }),
  support: define<SupportConfiguration>({
    name: 'support.json',
    mediaType: json,
    producedBy: [TASK_TYPES.supportRecordConfiguration],
    title: 'Support configuration',
    schema: shape({
      migrationId: z.string(),
      config: z.looseObject({}),
      generated: z.looseObject({}),
    }),
  }),
  prometheusRules: define<string>({
    name: 'prometheus-rules.yaml',
    mediaType: 'text/yaml',
    producedBy: [TASK_TYPES.supportRecordConfiguration],
    title: 'Prometheus alerting rules',
  }),
  supportTerraform: define<Uint8Array>({
    name: 'support-terraform.zip',
    mediaType: 'application/zip',
    producedBy: [TASK_TYPES.supportRecordConfiguration],
    title: 'Alarms and backups (Terraform)',
  }),
  report: define<MigrationReport>({
    name: 'report.json',
    mediaType: json,
    producedBy: [TASK_TYPES.supportReport],
    title: 'Migration report (data)',
    schema: shape({ generatedAt: z.string(), migration: z.looseObject({}) }),
  }),
  reportMarkdown: define<string>({
    name: 'report.md',
    mediaType: markdown,
    producedBy: [TASK_TYPES.supportReport],
    title: 'Migration report',
  }),
} as const;

/** @public */
export type MigrationArtifactKey = keyof typeof MIGRATION_ARTIFACTS;

/** The content type of an artifact definition. @public */
export type ArtifactContent<D> = D extends ArtifactDefinition<infer T>
  ? T
  : never;

/**
 * Artifacts whose names carry a value: one per environment checked, one per scheduled report.
 *
 * @public
 */
export const ARTIFACT_NAME_PATTERNS = {
  /** The checks of one environment, `environment-<id>.json`. */
  environmentChecks: (environmentId: string) =>
    `environment-${environmentId}.json`,
  /** One scheduled operational report, `operational-report-<yyyy-mm-dd>.md`. */
  operationalReport: (date: string) => `operational-report-${date}.md`,
} as const;

/**
 * The definition of a named artifact, or undefined for names outside the contract.
 *
 * @public
 */
export function findArtifactDefinition(
  name: string,
): ArtifactDefinition | undefined {
  return Object.values(MIGRATION_ARTIFACTS).find(
    (d: ArtifactDefinition) => d.name === name,
  );
}

/**
 * Checks a JSON artifact against its definition; the error names the artifact and the field.
 *
 * @public
 */
export function parseArtifact<T>(
  definition: ArtifactDefinition<T>,
  value: unknown,
): T {
  if (!definition.schema) {
    throw new TypeError(`${definition.name} is not a JSON artifact`);
  }
  const result = definition.schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new TypeError(
      `${definition.name} does not match the phase contract${where}: ${issue.message}`,
    );
  }
  return result.data;
}
