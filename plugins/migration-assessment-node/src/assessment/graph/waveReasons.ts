import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { WavePlan } from './planWaves';
import type { WaveScan } from './scanWave';

/** What {@link waveReasons} reads besides the scanned wave. */
export interface WaveReasonsInput {
  resources: readonly DiscoveredResource[];
  ids: readonly string[];
  attachedTo: Int32Array;
  /** Ids of the shared services. */
  sharedIds: ReadonlySet<string>;
  maxWaveSize: number;
}

const ellipsis = (list: readonly string[], limit: number) =>
  `${list.slice(0, limit).join(', ')}${list.length > limit ? ' …' : ''}`;

function dependencyReason(scan: WaveScan): string {
  if (scan.dependsOnWaves.size === 0) {
    return 'Nothing in it depends on another wave.';
  }
  return `Its members depend on wave(s) ${[...scan.dependsOnWaves]
    .sort((a, b) => a - b)
    .join(', ')}, e.g. ${scan.sampleEdges.join('; ')}.`;
}

function sizeReason(
  wave: WavePlan['waves'][number],
  scan: WaveScan,
  maxWaveSize: number,
): string | undefined {
  if (wave.oversized) {
    return `Move group ${scan.groups[0]} has ${wave.weight} resources, more than the max wave size ${maxWaveSize}: it gets a wave of its own.`;
  }
  if (wave.deferred > 0) {
    return `Max wave size ${maxWaveSize} reached: ${wave.deferred} ready move group(s) wait for the next wave.`;
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
  const shared = scan.members.filter(m => input.sharedIds.has(input.ids[m]));
  if (shared.length > 0) {
    reasons.push(
      `Shared service(s) ${shared
        .slice(0, 5)
        .map(m => input.resources[m].name)
        .join(', ')} move here, ahead of their dependents.`,
    );
  }
  if (scan.cyclicGroups.length > 0) {
    reasons.push(
      `Dependency cycles moved together: ${ellipsis(scan.cyclicGroups, 5)}.`,
    );
  }
  const disks = scan.members.filter(m => input.attachedTo[m] !== -1).length;
  if (disks > 0) reasons.push(`${disks} attached disk(s) move with their VMs.`);
  const size = sizeReason(wave, scan, input.maxWaveSize);
  if (size) reasons.push(size);
  return reasons;
}
