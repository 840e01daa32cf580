import { strategy, type StrategyRule } from './strategyRule';
import { MANAGED_LOAD_BALANCERS, OBJECT_STORAGE } from './targetServices';

/** Kinds that are recreated by the generated infrastructure rather than moved. */
const INFRASTRUCTURE_KINDS = new Set(['network', 'subnet', 'security-group']);

/** A load balancer becomes the target's managed one. */
export const managedLoadBalancer: StrategyRule = (facts, target) => {
  if (facts.resource.kind !== 'load-balancer') return undefined;
  return strategy(
    'replatform',
    'managed-load-balancer',
    'Load balancers are replaced by the target cloud’s managed service.',
    MANAGED_LOAD_BALANCERS[target.provider],
  );
};

/** Already on the target cloud: only the region changes. */
export const sameCloud: StrategyRule = (facts, target) => {
  if (facts.resource.provider !== target.provider) return undefined;
  return strategy(
    'relocate',
    'same-cloud',
    `Already on ${target.provider}: moves to ${target.region} without changing platform.`,
  );
};

/** Networks, subnets and security groups are recreated by the generated code. */
export const recreatedInfrastructure: StrategyRule = facts => {
  const kind = facts.resource.kind;
  if (!INFRASTRUCTURE_KINDS.has(kind)) return undefined;
  return strategy(
    'rehost',
    'recreated-infrastructure',
    `The ${kind} is recreated in the target by the generated infrastructure code.`,
  );
};

/** A bucket's objects are copied into the target's object storage. */
export const objectCopy: StrategyRule = (facts, target) => {
  if (facts.resource.kind !== 'bucket') return undefined;
  return strategy(
    'rehost',
    'object-copy',
    'Objects are copied into the target object storage.',
    OBJECT_STORAGE[target.provider],
  );
};
