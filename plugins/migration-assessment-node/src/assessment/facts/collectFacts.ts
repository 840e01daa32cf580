import {
  internetExposedAdminPorts,
  isOpenToInternet,
  residencyConflict,
  type DiscoveredResource,
  type DiskSpec,
  type MigrationTarget,
  type SecurityRule,
} from '@sirsi-nexus/plugin-migration-common';
import type { DependencyAnalysis } from '../graph/analyzeDependencies';
import type { RegionPricing } from '../pricing/RegionPricing';
import { EOL_WARNING_DAYS } from '../risk/assessRisk';
import type { OsLifecycleEntry, OsLifecycleTable } from '../risk/osLifecycle';
import { mapDisks } from '../sizing/mapDisks';
import {
  detectDatabase,
  isIdentityService,
  isIdle,
  isPoweredOff,
} from './detect';
import type { ResourceFacts } from './ResourceFacts';
import { noItems } from '../util/shared';

const DAY = 86_400_000;
/** Peers of a move group named per resource (the rest are counted). */
const PEERS_LISTED = 10;

/** What {@link collectFacts} reads. */
export interface FactsInput {
  resources: readonly DiscoveredResource[];
  deps: DependencyAnalysis;
  /** The disks each resource carries (see `carriedDisks`). */
  disks: readonly DiskSpec[][];
  target: Pick<MigrationTarget, 'provider' | 'region'>;
  pricing: RegionPricing;
  osLifecycle: OsLifecycleTable;
  /** The assessment date in epoch milliseconds. */
  nowMs: number;
}

/** The end of life of each release at the last assessment date asked for. */
const endOfLifeMemo = new WeakMap<
  OsLifecycleEntry,
  { nowMs: number; eol: ResourceFacts['eol'] }
>();

/**
 * End of support of a release judged at `nowMs`: one frozen object per release and date, so the
 * rules can cache what they derive from it by identity.
 */
function endOfLife(
  os: OsLifecycleEntry | undefined,
  nowMs: number,
): ResourceFacts['eol'] {
  if (!os?.endOfSupport) return undefined;
  const known = endOfLifeMemo.get(os);
  if (known?.nowMs === nowMs) return known.eol;
  const date = os.endOfSupport;
  const days = Math.floor((Date.parse(date) - nowMs) / DAY);
  let eol: ResourceFacts['eol'];
  if (days < 0) eol = Object.freeze({ status: 'past', date, days });
  else if (days <= EOL_WARNING_DAYS) {
    eol = Object.freeze({ status: 'soon', date, days });
  }
  endOfLifeMemo.set(os, { nowMs, eol });
  return eol;
}

/** Which resources are security groups with inbound rules; undefined when none is. */
function securityGroupsWithRules(
  resources: readonly DiscoveredResource[],
): Uint8Array | undefined {
  let flags: Uint8Array | undefined;
  for (let j = 0; j < resources.length; j++) {
    const r = resources[j];
    if (r.kind === 'security-group' && r.specs.ingress?.length) {
      flags ??= new Uint8Array(resources.length);
      flags[j] = 1;
    }
  }
  return flags;
}

/** Inbound rules: the resource's own, plus those of the security groups it depends on. */
function ingressOf(
  i: number,
  resources: readonly DiscoveredResource[],
  { graph }: DependencyAnalysis,
  groups: Uint8Array | undefined,
): SecurityRule[] {
  const own = resources[i].specs.ingress;
  let ingress: SecurityRule[] | undefined;
  if (groups) {
    for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
      const j = graph.targets[e];
      if (groups[j] === 1) {
        ingress ??= own ? [...own] : [];
        ingress.push(...resources[j].specs.ingress!);
      }
    }
  }
  // Read only: without security groups to add, the resource's own list serves as it is.
  return ingress ?? (own?.length ? own : noItems());
}

/**
 * How many members of each move group are not attached to another resource, counted once per
 * group: a cycle of thousands of resources must cost neither size² time nor size² memory.
 */
function freeMembersByGroup(deps: DependencyAnalysis): Int32Array {
  const { components, attachedTo } = deps;
  const counts = new Int32Array(components.count);
  for (let c = 0; c < components.count; c++) {
    for (
      let m = components.memberOffsets[c];
      m < components.memberOffsets[c + 1];
      m++
    ) {
      if (attachedTo[components.members[m]] === -1) counts[c]++;
    }
  }
  return counts;
}

/** How many other members of its move group resource `i` has (attached disks not counted). */
function peerCountOf(i: number, deps: DependencyAnalysis, free: Int32Array) {
  const c = deps.components.componentOf[i];
  return free[c] - (deps.attachedTo[i] === -1 ? 1 : 0);
}

/** A few peers of resource `i` by name: the first free members of its move group. */
function groupPeersOf(i: number, deps: DependencyAnalysis): string[] {
  const { components, attachedTo, ids } = deps;
  const c = components.componentOf[i];
  const peers: string[] = [];
  for (
    let m = components.memberOffsets[c];
    m < components.memberOffsets[c + 1] && peers.length < PEERS_LISTED;
    m++
  ) {
    const member = components.members[m];
    if (member !== i && attachedTo[member] === -1) peers.push(ids[member]);
  }
  return peers;
}

function dependentsOf(i: number, { dependents, ids }: DependencyAnalysis) {
  const from = dependents.offsets[i];
  const count = dependents.offsets[i + 1] - from;
  if (count === 0) return noItems<string>();
  const out: string[] = new Array(count);
  for (let k = 0; k < count; k++) out[k] = ids[dependents.targets[from + k]];
  return out;
}

function unresolvedByIndex(deps: DependencyAnalysis): Map<number, string[]> {
  const byIndex = new Map<number, string[]>();
  for (const u of deps.unresolved) {
    const i = deps.indexOf.get(u.from)!;
    const list = byIndex.get(i) ?? [];
    list.push(u.to);
    byIndex.set(i, list);
  }
  return byIndex;
}

/**
 * What the rules need to know about each resource: OS lifecycle, database and identity hints,
 * exposure, residency, its place in the graph and the storage its disks map to.
 */
export function collectFacts(input: FactsInput): ResourceFacts[] {
  const { resources, deps, target, pricing } = input;
  const { attachedTo, ids } = deps;
  const unresolved = unresolvedByIndex(deps);
  const free = freeMembersByGroup(deps);
  const groups = securityGroupsWithRules(resources);
  const facts: ResourceFacts[] = new Array(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const os = input.osLifecycle.lookup(r.specs.os);
    const ingress = ingressOf(i, resources, deps, groups);
    const openToInternet =
      ingress.length > 0 &&
      ingress.some(
        rule => rule.protocol !== 'icmp' && isOpenToInternet(rule.sources),
      );
    const disks = input.disks[i];
    const peerCount = peerCountOf(i, deps, free);
    facts[i] = {
      resource: r,
      os,
      eol: endOfLife(os, input.nowMs),
      unsupportedOnTarget: os
        ? os.notSupportedOn.includes(target.provider)
        : false,
      database: detectDatabase(r),
      identity: isIdentityService(r),
      poweredOff: isPoweredOff(r),
      idle: isIdle(r),
      dependents: dependentsOf(i, deps),
      unresolved: unresolved.get(i) ?? noItems(),
      ingress,
      adminPorts:
        ingress.length > 0 ? internetExposedAdminPorts(ingress) : noItems(),
      publiclyExposed: r.specs.publiclyExposed === true || openToInternet,
      residency: residencyConflict(r.tags, target.provider, target.region),
      cyclic: attachedTo[i] === -1 && peerCount > 0,
      groupPeers: peerCount > 0 ? groupPeersOf(i, deps) : noItems(),
      groupPeerCount: peerCount,
      disks: disks.length
        ? mapDisks(disks, pricing, r.utilization?.iopsP95)
        : noItems(),
    };
    if (attachedTo[i] !== -1) facts[i].attachedTo = ids[attachedTo[i]];
  }
  return facts;
}
