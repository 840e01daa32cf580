import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { DependencyAnalysis } from './analyzeDependencies';
import { explainOversizedGroup } from './explainOversizedGroup';
import type { WavePlan } from './planWaves';
import type { WaveScan } from './scanWave';

/** What {@link waveReasons} reads besides the scanned wave. */
export interface WaveReasonsInput {
  resources: readonly DiscoveredResource[];
  ids: readonly string[];
  attachedTo: Int32Array;
  /** 1 at the index of each shared service. */
  shared: Uint8Array;
  maxWaveSize: number;
  /** The graph, to explain a move group larger than the max wave size. */
  deps: Pick<DependencyAnalysis, 'graph' | 'dependents' | 'components'>;
}

const ellipsis = (list: readonly string[], limit: number) =>
  `${list.slice(0, limit).join(', ')}${list.length > limit ? ' …' : ''}`;

function dependencyReason(scan: WaveScan): string {
  if (scan.dependsOnWaves.length === 0) {
    return 'Nothing in it depends on another wave.';
  }
  return `Its members depend on wave(s) ${scan.dependsOnWaves.join(
    ', ',
  )}, e.g. ${scan.sampleEdges.join('; ')}.`;
}

function oversizedReason(
  wave: WavePlan['waves'][number],
  scan: WaveScan,
  input: WaveReasonsInput,
): string {
  const { graph, dependents, components } = input.deps;
  const why = explainOversizedGroup(
    graph,
    dependents,
    components,
    wave.components[0],
  );
  const name = (node: number) => input.resources[node].name;
  const cycle = why.cycle.length > 1 ? why.cycle.map(name).join(' → ') : '';
  const hubs = why.hubs
    .map(h => `${name(h.node)} (${h.edges} dependencies in the group)`)
    .join(', ');
  return (
    `Move group ${scan.groups[0]} has ${wave.weight} resources, more than the max wave size ` +
    `${input.maxWaveSize}: its ${why.internalEdges} dependencies form cycles, so all of them ` +
    `must move together and it gets a wave of its own` +
    `${
      cycle ? `; e.g. ${cycle}` : ''
    }. To split it, remove or reverse a dependency on such a ` +
    `cycle — the most connected members are ${hubs} — or leave a hub out of this selection (it stays reachable over hybrid connectivity) and move it separately.`
  );
}

function sizeReason(
  wave: WavePlan['waves'][number],
  scan: WaveScan,
  input: WaveReasonsInput,
): string | undefined {
  if (wave.oversized) return oversizedReason(wave, scan, input);
  if (wave.deferred > 0) {
    return `Max wave size ${input.maxWaveSize} reached: ${wave.deferred} ready move group(s) wait for the next wave.`;
  }
  return undefined;
}

/**
 * Why a wave holds what it holds: the waves it depends on, the shared services and cycles it
 * moves, the attached disks, and whether the max wave size shaped it.
 */
export function waveReasons(
  wave: WavePlan['waves'][number],
  scan: WaveScan,
  input: WaveReasonsInput,
): string[] {
  const reasons = [dependencyReason(scan)];
  const shared: string[] = [];
  let disks = 0;
  for (let k = 0; k < scan.members.length; k++) {
    const m = scan.members[k];
    if (input.shared[m] === 1 && shared.length < 5) {
      shared.push(input.resources[m].name);
    }
    if (input.attachedTo[m] !== -1) disks++;
  }
  if (shared.length > 0) {
    reasons.push(
      `Shared service(s) ${shared.join(
        ', ',
      )} move here, ahead of their dependents.`,
    );
  }
  if (scan.cyclicGroups.length > 0) {
    reasons.push(
      `Dependency cycles moved together: ${ellipsis(scan.cyclicGroups, 5)}.`,
    );
  }
  if (disks > 0) reasons.push(`${disks} attached disk(s) move with their VMs.`);
  const size = sizeReason(wave, scan, input);
  if (size) reasons.push(size);
  return reasons;
}
