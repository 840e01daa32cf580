import type { JsonObject } from '@backstage/types';
import {
  assessmentSchema,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import { renderAssessmentMarkdown } from '@sirsi-nexus/plugin-migration-assessment-node';
import { type TaskContext } from '@sirsi-nexus/plugin-migration-node';
import { PermanentTaskError } from '../../engine/TaskWorker';

/** Name of the assessment artifact. */
export const ASSESSMENT_ARTIFACT = 'assessment.json';
/** Name of the readable assessment report. */
export const ASSESSMENT_REPORT_ARTIFACT = 'assessment.md';

/**
 * Validates the assessment against its schema and stores `assessment.json` and `assessment.md`.
 */
export async function storeAssessment(
  ctx: TaskContext,
  assessment: Assessment,
) {
  const valid = assessmentSchema.parse(assessment);
  await ctx.artifacts.put(
    ASSESSMENT_ARTIFACT,
    JSON.parse(JSON.stringify(valid)) as JsonObject,
  );
  await ctx.artifacts.put(
    ASSESSMENT_REPORT_ARTIFACT,
    renderAssessmentMarkdown(valid),
    {
      mediaType: 'text/markdown; charset=utf-8',
    },
  );
}

/**
 * Bad input (a target region without a price catalog, a malformed maintenance window) will not get
 * better with a retry: such errors fail the task for good with their message.
 */
export function assessmentFailure(error: Error): Error {
  if (error.name === 'InputError') {
    return new PermanentTaskError(
      `The assessment cannot run: ${error.message}`,
    );
  }
  return error;
}
