import type {
  AssessmentResource,
  AssessmentSharedService,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';

/** The same two options for every shared service: one frozen list. */
const OPTIONS: AssessmentSharedService['options'] = Object.freeze([
  Object.freeze({
    choice: 'move-first',
    description:
      'Move it in an early wave; dependents still on the source reach it over the hybrid link until they follow.',
  }),
  Object.freeze({
    choice: 'keep-hybrid-connectivity',
    description:
      'Leave it (or a replica) on the source and keep VPN/interconnect until every dependent has moved; watch latency.',
  }),
]) as AssessmentSharedService['options'];

function reasonOf(f: ResourceFacts, byFanIn: Map<number, string>): string {
  if (f.identity) {
    return `A directory/name service (${f.identity}): extend it with a replica in the target and keep both sides connected until the last wave.`;
  }
  if (f.unresolved.length > 0) {
    return `It depends on ${f.unresolved.length} resource(s) outside the selection, so it cannot leave cleanly first.`;
  }
  // Tens of thousands of shared services have a few dozen fan-ins: one text per fan-in.
  const fanIn = f.dependents.length;
  let reason = byFanIn.get(fanIn);
  if (reason === undefined) {
    reason = `${fanIn} resources depend on it and it has no ties outside the selection: moving it first lets every dependent cut over against the target copy.`;
    byFanIn.set(fanIn, reason);
  }
  return reason;
}

/**
 * Resources that at least `minFanIn` others depend on, most depended-on first, each with the
 * recommended choice between moving it first and keeping hybrid connectivity.
 */
export function findSharedServices(
  facts: readonly ResourceFacts[],
  items: readonly AssessmentResource[],
  minFanIn: number,
): AssessmentSharedService[] {
  const shared: AssessmentSharedService[] = [];
  const byFanIn = new Map<number, string>();
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i];
    if (f.dependents.length < minFanIn) continue;
    const keepHybrid = f.identity !== undefined || f.unresolved.length > 0;
    shared.push({
      resourceId: items[i].id,
      name: f.resource.name,
      fanIn: f.dependents.length,
      dependents: f.dependents,
      wave: items[i].wave,
      recommendation: keepHybrid ? 'keep-hybrid-connectivity' : 'move-first',
      reason: reasonOf(f, byFanIn),
      options: OPTIONS,
    });
  }
  return shared.sort(
    (a, b) => b.fanIn - a.fanIn || a.name.localeCompare(b.name),
  );
}
