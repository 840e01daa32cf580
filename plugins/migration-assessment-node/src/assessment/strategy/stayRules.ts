import { decommissionTag, explicitStrategy } from '../facts/detect';
import { strategy, type StrategyRule } from './strategyRule';

/** The owner tagged the strategy. */
export const explicitTag: StrategyRule = facts => {
  const explicit = explicitStrategy(facts.resource);
  if (!explicit) return undefined;
  return strategy(
    explicit.strategy,
    'explicit-tag',
    `The owner set tag ${explicit.tag}=${explicit.strategy}.`,
  );
};

/** Its residency tag excludes the target region: it stays. */
export const dataResidency: StrategyRule = (facts, target) => {
  if (!facts.residency?.conflict) return undefined;
  return strategy(
    'retain',
    'data-residency',
    `Tagged "${facts.residency.tag}": its data may not move to ${
      target.region
    } (${facts.residency.country?.toUpperCase()}).`,
  );
};

/** A powered-off machine or database is retired. */
export const poweredOff: StrategyRule = facts => {
  const r = facts.resource;
  if (!facts.poweredOff || (r.kind !== 'vm' && r.kind !== 'database')) {
    return undefined;
  }
  return strategy(
    'retire',
    'powered-off',
    `Reported power state "${
      r.specs.powerState
    }": confirm with the owner and decommission instead of migrating${
      facts.dependents.length > 0
        ? ` (note: ${facts.dependents.length} resource(s) still list it as a dependency)`
        : ''
    }.`,
  );
};

/** An idle VM nothing depends on is a retire candidate. */
export const idle: StrategyRule = facts => {
  const r = facts.resource;
  if (!facts.idle || facts.dependents.length !== 0 || r.kind !== 'vm') {
    return undefined;
  }
  const u = r.utilization!;
  return strategy(
    'retire',
    'idle',
    `CPU P95 ${u.cpuP95}%${
      u.networkMbpsP95 !== undefined
        ? `, network P95 ${u.networkMbpsP95} Mbit/s`
        : ''
    } and nothing in the selection depends on it: a retire candidate.`,
  );
};

/** A lifecycle tag says it is being decommissioned. */
export const decommissionTagged: StrategyRule = facts => {
  const decommission = decommissionTag(facts.resource);
  if (!decommission) return undefined;
  return strategy(
    'retire',
    'decommission-tag',
    `Lifecycle tag says "${decommission}".`,
  );
};
