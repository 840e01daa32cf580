import type {
  Assessment,
  DiscoveredResource,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacModelFromAssessmentOptions } from '../fromAssessment';

/** What every stage of the assessment-to-model adapter reads. */
export interface AdapterContext {
  assessment: Assessment;
  options: IacModelFromAssessmentOptions;
  provider: TargetProvider;
  /** Source and target are the same cloud: existing resources are imported. */
  sameCloud: boolean;
  warnings: string[];
  /** The discovered resource with this external id (case-insensitive). */
  find(id: string): DiscoveredResource | undefined;
  /** What `resource` depends on, of one kind. */
  depsOfKind(
    resource: DiscoveredResource | undefined,
    kind: string,
  ): DiscoveredResource[];
}

export function adapterContext(
  assessment: Assessment,
  options: IacModelFromAssessmentOptions,
  sourceProvider: string,
  warnings: string[],
): AdapterContext {
  const discovered = new Map<string, DiscoveredResource>();
  for (const r of options.resources)
    discovered.set(r.externalId.toLowerCase(), r);
  const find = (id: string) => discovered.get(id.toLowerCase());
  return {
    assessment,
    options,
    provider: assessment.target.provider,
    sameCloud: sourceProvider === assessment.target.provider,
    warnings,
    find,
    depsOfKind: (r, kind) =>
      (r?.dependsOn ?? [])
        .map(find)
        .filter((d): d is DiscoveredResource => d?.kind === kind),
  };
}
