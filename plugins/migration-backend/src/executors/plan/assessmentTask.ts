import { isError } from '@backstage/errors';
import {
  MIGRATION_ARTIFACTS,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import {
  assess,
  buildBusinessCase,
  renderAssessmentMarkdown,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  PermanentTaskError,
  writeArtifact,
  writeParsedArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { readAssessmentInput } from './readAssessmentInput';
import type { MigrationResourceIndex } from './resourceIndex';

/** A value, or a function that makes it on first use (tables and advisors load lazily). */
export type Lazy<T> = T | (() => T);

/** Resolves a {@link Lazy} value once, on first call. */
export function lazily<T extends object>(value: Lazy<T>): () => T {
  let resolved: T | undefined;
  return () =>
    (resolved ??= typeof value === 'function' ? (value as () => T)() : value);
}

/**
 * Bad input (a target region without a price catalog, a malformed maintenance window) will not get
 * better with a retry: such errors fail the task for good with their message.
 */
function assessmentFailure(error: unknown): Error {
  const failure = isError(error) ? error : new Error(String(error));
  if (failure.name === 'InputError') {
    return new PermanentTaskError(
      `The assessment cannot run: ${failure.message}`,
    );
  }
  return failure;
}

/**
 * Assesses the migration's captured resources at one stage. The time of the assessment is
 * checkpointed, so a retry produces the same assessment.
 */
export async function runAssessment(
  ctx: TaskContext,
  options: {
    stage: 'plan' | 'specify';
    context: () => AssessContext;
    /** Reports what is being assessed. */
    progress: (resources: number) => Promise<void>;
  },
): Promise<Assessment> {
  const { resources, entityRefs, warnings } = await readAssessmentInput(
    ctx.artifacts,
  );
  await options.progress(resources.length);
  const assessedAt = await ctx.checkpoint({
    key: 'assessed-at',
    fn: () => new Date().toISOString(),
  });
  let assessment: Assessment;
  try {
    assessment = assess(
      {
        resources,
        entityRefs,
        target: ctx.migration.target,
        options: ctx.migration.options,
        migrationId: ctx.migration.id,
        sourceEnvironmentId: ctx.migration.sourceEnvironmentId,
        stage: options.stage,
        now: new Date(assessedAt),
      },
      options.context(),
    );
  } catch (error) {
    throw assessmentFailure(error);
  }
  assessment.warnings.push(...warnings);
  return assessment;
}

/**
 * Validates the assessment against its schema and stores `assessment.json` and `assessment.md`;
 * with a resource index, records each resource's wave there.
 */
export async function storeAssessment(
  ctx: TaskContext,
  assessment: Assessment,
  resourceIndex?: Pick<MigrationResourceIndex, 'setMigrationResourceWaves'>,
) {
  // What the schema makes of it (defaults filled in) is what is stored, parsed once.
  const valid = await writeParsedArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.assessment,
    assessment,
  );
  await writeArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.assessmentMarkdown,
    renderAssessmentMarkdown(valid),
  );
  await resourceIndex?.setMigrationResourceWaves(
    ctx.migration.id,
    valid.resources.flatMap(r =>
      r.entityRef ? [{ entityRef: r.entityRef, wave: r.wave }] : [],
    ),
  );
}

/**
 * Works out the business case of an assessment with costs and stores `business-case.json`;
 * returns its status, or undefined for an assessment without costs.
 */
export async function storeBusinessCase(
  ctx: TaskContext,
  assessment: Assessment,
  settings: AssessContext['settings'],
) {
  if (!assessment.cost) return undefined;
  const businessCase = buildBusinessCase(assessment, settings);
  await writeArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.businessCase,
    businessCase,
  );
  return businessCase;
}

/** The names of the stored assessment, as an assessment task's output. */
export const ASSESSMENT_OUTPUT = {
  artifact: MIGRATION_ARTIFACTS.assessment.name,
  report: MIGRATION_ARTIFACTS.assessmentMarkdown.name,
};
