import type {
  AssessmentStrategy,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import {
  attachedDisk,
  databaseServer,
  eolOs,
  nonX86Platform,
  osUnsupportedOnTarget,
  saasAvailable,
} from './platformRules';
import {
  dataResidency,
  decommissionTagged,
  explicitTag,
  idle,
  poweredOff,
} from './stayRules';
import { strategy, type StrategyRule } from './strategyRule';
import {
  managedLoadBalancer,
  objectCopy,
  recreatedInfrastructure,
  sameCloud,
} from './targetRules';

export { MANAGED_DATABASES } from './targetServices';

const DEFAULT_REHOST = strategy(
  'rehost',
  'default-rehost',
  'No other rule applies: lift and shift onto a rightsized machine.',
);

/** The rules in the order they are tried (docs/assessment.md lists them). */
const RULES: readonly StrategyRule[] = [
  explicitTag,
  dataResidency,
  poweredOff,
  idle,
  decommissionTagged,
  attachedDisk,
  nonX86Platform,
  saasAvailable,
  databaseServer,
  eolOs,
  osUnsupportedOnTarget,
  managedLoadBalancer,
  sameCloud,
  recreatedInfrastructure,
  objectCopy,
];

/**
 * Picks one of the 7 Rs for a resource. Rules are tried in order and the first that matches wins;
 * its id and the input that fired it are returned (docs/assessment.md lists them).
 */
export function chooseStrategy(
  facts: ResourceFacts,
  target: { provider: TargetProvider; region: string },
): AssessmentStrategy {
  for (const rule of RULES) {
    const chosen = rule(facts, target);
    if (chosen) return chosen;
  }
  return DEFAULT_REHOST;
}
