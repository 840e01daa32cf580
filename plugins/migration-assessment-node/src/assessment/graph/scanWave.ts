import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { DependencyAnalysis } from './analyzeDependencies';
import type { WavePlan } from './planWaves';

/** What a wave holds and how it hangs on the other waves. */
export interface WaveScan {
  /** 1-based wave number. */
  number: number;
  /** Resource indices, ascending. */
  members: number[];
  /** Move group ids, in the plan's component order. */
  groups: string[];
  /** Waves its members depend on, ascending. */
  dependsOnWaves: number[];
  /** Up to three of those dependencies, for the reasons. */
  sampleEdges: string[];
  /** Move groups of more than one resource, with their size. */
  cyclicGroups: string[];
}

/** Reads the members, move groups and cross-wave dependencies of one planned wave. */
export function scanWave(
  wave: WavePlan['waves'][number],
  number: number,
  deps: DependencyAnalysis,
  groupId: readonly string[],
  resources: readonly DiscoveredResource[],
  /** Scratch of one slot per wave number, shared by the scans of one plan (no Set per wave). */
  seen: Int32Array = new Int32Array(deps.waves.waves.length + 1),
): WaveScan {
  const { components, attachedTo, graph } = deps;
  const { componentOf, memberOffsets, members } = components;
  const { offsets, targets } = graph;
  const waveOfComponent = deps.waves.waveOfComponent;
  const scan: WaveScan = {
    number,
    members: [],
    groups: [],
    dependsOnWaves: [],
    sampleEdges: [],
    cyclicGroups: [],
  };
  let dependedOn = 0;
  for (let g = 0; g < wave.components.length; g++) {
    const c = wave.components[g];
    scan.groups.push(groupId[c]);
    let real = 0;
    for (let m = memberOffsets[c]; m < memberOffsets[c + 1]; m++) {
      const node = members[m];
      scan.members.push(node);
      if (attachedTo[node] === -1) real++;
      for (let e = offsets[node]; e < offsets[node + 1]; e++) {
        const dep = targets[e];
        const depWave = waveOfComponent[componentOf[dep]] + 1;
        if (depWave === number) continue;
        if (seen[depWave] !== number) {
          seen[depWave] = number;
          dependedOn++;
        }
        if (scan.sampleEdges.length < 3) {
          scan.sampleEdges.push(
            `${resources[node].name} → ${resources[dep].name} (wave ${depWave})`,
          );
        }
      }
    }
    if (real > 1) scan.cyclicGroups.push(`${groupId[c]} (${real} resources)`);
  }
  scan.members.sort((a, b) => a - b);
  // In ascending order straight from the stamps: cheaper than sorting with a comparator.
  if (dependedOn > 0) {
    const dependsOn: number[] = new Array(dependedOn);
    for (let w = 1, k = 0; k < dependedOn; w++) {
      if (seen[w] === number) dependsOn[k++] = w;
    }
    scan.dependsOnWaves = dependsOn;
  }
  return scan;
}
