import type {
  AssessmentStrategy,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import { SharedValues } from '../util/shared';

/** One 7R rule: the strategy it picks for a resource, or undefined when it does not apply. */
export type StrategyRule = (
  facts: ResourceFacts,
  target: { provider: TargetProvider; region: string },
) => AssessmentStrategy | undefined;

const sharedStrategies = new SharedValues<AssessmentStrategy>();

/**
 * A strategy with the rule that picked it and why; one frozen object for every resource with the
 * same (most reasons name an OS or a product, not the resource).
 */
export function strategy(
  chosen: AssessmentStrategy['strategy'],
  rule: string,
  reason: string,
  targetService?: string,
): AssessmentStrategy {
  return sharedStrategies.get(
    `${chosen}\n${rule}\n${targetService ?? ''}\n${reason}`,
    () =>
      targetService
        ? { strategy: chosen, rule, reason, targetService }
        : { strategy: chosen, rule, reason },
  );
}
