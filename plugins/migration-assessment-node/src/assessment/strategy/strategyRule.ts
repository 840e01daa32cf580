import type {
  AssessmentStrategy,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';

/** One 7R rule: the strategy it picks for a resource, or undefined when it does not apply. */
export type StrategyRule = (
  facts: ResourceFacts,
  target: { provider: TargetProvider; region: string },
) => AssessmentStrategy | undefined;

/** A strategy with the rule that picked it and why. */
export function strategy(
  chosen: AssessmentStrategy['strategy'],
  rule: string,
  reason: string,
  targetService?: string,
): AssessmentStrategy {
  return targetService
    ? { strategy: chosen, rule, reason, targetService }
    : { strategy: chosen, rule, reason };
}
