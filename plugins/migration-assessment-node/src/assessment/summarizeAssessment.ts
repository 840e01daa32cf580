import type {
  Assessment,
  AssessmentMoveGroup,
  AssessmentResource,
  AssessmentSharedService,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from './facts/ResourceFacts';
import { round } from './util/numbers';

/** What {@link summarizeAssessment} counts. */
export interface SummaryInput {
  items: readonly AssessmentResource[];
  facts: readonly ResourceFacts[];
  waves: readonly AssessmentWave[];
  moveGroups: readonly AssessmentMoveGroup[];
  sharedServices: readonly AssessmentSharedService[];
}

/** The counts at the top of an assessment: resources by kind and strategy, waves, groups, data. */
export function summarizeAssessment(
  input: SummaryInput,
): Assessment['summary'] {
  const { items, facts, moveGroups } = input;
  const byKind: Record<string, number> = {};
  const byStrategy: Record<string, number> = {};
  const endOfLifeSystems: string[] = [];
  let dataGiB = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    byKind[item.kind] = (byKind[item.kind] ?? 0) + 1;
    byStrategy[item.strategy.strategy] =
      (byStrategy[item.strategy.strategy] ?? 0) + 1;
    if (facts[i].eol?.status === 'past') endOfLifeSystems.push(item.name);
    dataGiB += item.dataGiB;
  }
  return {
    resources: items.length,
    byKind,
    byStrategy,
    waves: input.waves.length,
    moveGroups: moveGroups.length,
    cyclicMoveGroups: moveGroups.filter(g => g.cyclic).length,
    sharedServices: input.sharedServices.length,
    endOfLifeSystems,
    dataGiB: round(dataGiB, 2),
  };
}
