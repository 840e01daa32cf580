import {
  pageAssessmentResources,
  type Assessment,
  type AssessmentResourcesPage,
  type AssessmentResourcesQuery,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Where the assessment views get what the overview leaves out: a page of the resources at a
 * time, and the whole assessment for the wave exports.
 */
export interface AssessmentSource {
  listResources(
    query: AssessmentResourcesQuery,
  ): Promise<AssessmentResourcesPage>;
  loadAssessment(): Promise<Assessment>;
}

/** The source of an assessment held in memory (e.g. a preview). */
export function localAssessmentSource(
  assessment: Assessment,
): AssessmentSource {
  return {
    listResources: async query =>
      pageAssessmentResources(assessment.resources, query),
    loadAssessment: async () => assessment,
  };
}
