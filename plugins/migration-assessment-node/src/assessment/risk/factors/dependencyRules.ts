import type { RiskRule } from '../riskFactor';
import { factor, list } from '../riskFactor';

/** The start of a fan-in detail per fan-in and threshold: one string for thousands of resources. */
const fanInHeads = new Map<number, Map<number, string>>();

function fanInHead(fanIn: number, threshold: number): string {
  let byFanIn = fanInHeads.get(threshold);
  if (!byFanIn) {
    byFanIn = new Map();
    fanInHeads.set(threshold, byFanIn);
  }
  let head = byFanIn.get(fanIn);
  if (head === undefined) {
    head = `${fanIn} resources in the selection depend on it (threshold ${threshold}): `;
    byFanIn.set(fanIn, head);
  }
  return head;
}

/** At least `sharedServiceMinFanIn` resources depend on it. */
export const highFanIn: RiskRule = (facts, _target, settings) => {
  if (facts.dependents.length < settings.sharedServiceMinFanIn) {
    return undefined;
  }
  return factor(
    'high-fan-in',
    'Many resources depend on it',
    `${fanInHead(
      facts.dependents.length,
      settings.sharedServiceMinFanIn,
    )}${list(facts.dependents)}.`,
    'Decide early whether it moves first or stays reachable over hybrid connectivity; test every dependent against it in the rehearsal.',
  );
};

/** A dependency cycle binds it to other resources. */
export const cyclicDependency: RiskRule = facts => {
  if (!facts.cyclic) return undefined;
  return factor(
    'cyclic-dependency',
    'Part of a dependency cycle',
    `In a dependency cycle with ${
      facts.groupPeerCount
    } other resource(s), e.g. ${facts.groupPeers
      .slice(0, 3)
      .join(', ')}; the group must move in one cutover.`,
    'Rehearse the group cutover end to end; consider breaking the cycle (queue, API) before migrating.',
  );
};

/** It depends on resources outside the selection. */
export const unresolvedDependency: RiskRule = facts => {
  if (facts.unresolved.length === 0) return undefined;
  return factor(
    'unresolved-dependency',
    'Depends on resources outside this migration',
    `Depends on ${list(
      facts.unresolved,
    )}, which are not part of the selection.`,
    'Keep hybrid connectivity (VPN/interconnect) until those move, and test latency to them from the target region.',
  );
};
