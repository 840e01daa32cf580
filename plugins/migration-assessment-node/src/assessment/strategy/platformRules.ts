import {
  TARGET_PROVIDERS,
  type AssessmentStrategy,
} from '@sirsi-nexus/plugin-migration-common';
import { saasReplacement } from '../facts/detect';
import { strategy, type StrategyRule } from './strategyRule';
import { MANAGED_DATABASES } from './targetServices';

/** An attached disk moves with its machine. */
export const attachedDisk: StrategyRule = facts => {
  if (!facts.attachedTo) return undefined;
  return strategy(
    'rehost',
    'attached-disk',
    `Attached to ${facts.attachedTo}; moves with that machine.`,
  );
};

/** No public cloud runs its OS (mainframe, SPARC, Power …): rebuild. */
export const nonX86Platform: StrategyRule = facts => {
  const os = facts.os;
  if (!os || !TARGET_PROVIDERS.every(p => os.notSupportedOn.includes(p))) {
    return undefined;
  }
  return strategy(
    'refactor',
    'non-x86-platform',
    `${os.name} cannot run on any public cloud's machines: rebuild the application on a supported platform.`,
  );
};

/** The product has a SaaS successor. */
export const saasAvailable: StrategyRule = facts => {
  const saas = saasReplacement(facts.resource);
  if (!saas) return undefined;
  return strategy(
    'repurchase',
    'saas-available',
    `${saas.product} (${saas.matched}) has a SaaS successor.`,
    saas.saas,
  );
};

/** A database server moves into the target's managed database. */
export const databaseServer: StrategyRule = (facts, target) => {
  if (!facts.database) return undefined;
  return strategy(
    'replatform',
    'database-server',
    `A database server (${facts.database.reason}): move the data into the target's managed database instead of the machine.`,
    MANAGED_DATABASES[target.provider][facts.database.engine],
  );
};

/** The strategy per end-of-life fact (one per release and assessment date). */
const eolStrategies = new WeakMap<object, AssessmentStrategy>();

/** An end-of-life OS moves onto a supported image. */
export const eolOs: StrategyRule = facts => {
  const eol = facts.eol;
  if (!facts.os || eol?.status !== 'past') return undefined;
  let chosen = eolStrategies.get(eol);
  if (!chosen) {
    chosen = strategy(
      'replatform',
      'eol-os',
      `${facts.os.name} has been out of support since ${eol.date}: move the workload onto a supported OS image.`,
    );
    eolStrategies.set(eol, chosen);
  }
  return chosen;
};

/** The target cloud does not accept its OS. */
export const osUnsupportedOnTarget: StrategyRule = (facts, target) => {
  if (!facts.unsupportedOnTarget || !facts.os) return undefined;
  return strategy(
    'replatform',
    'os-unsupported-on-target',
    `${facts.os.name} is not supported on ${target.provider}: rebuild on a supported OS image.`,
  );
};
