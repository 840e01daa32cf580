import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  buildDependencyGraph,
  reverseGraph,
  type DependencyGraph,
} from './DependencyGraph';
import { planWaves, type WavePlan } from './planWaves';
import {
  stronglyConnectedComponents,
  type Components,
} from './stronglyConnectedComponents';

/**
 * The dependency structure of a selection: graph, move groups (strongly connected components)
 * and waves.
 *
 * @public
 */
export interface DependencyAnalysis {
  ids: string[];
  indexOf: Map<string, number>;
  /** `i` depends on `j` as the resources say (duplicates and self-references dropped). */
  graph: DependencyGraph;
  /** Who depends on each resource. */
  dependents: DependencyGraph;
  /** Dependencies that are not in the selection. */
  unresolved: Array<{ from: string; to: string }>;
  /** Index of the selected VM each disk resource is attached to, or -1. */
  attachedTo: Int32Array;
  components: Components;
  waves: WavePlan;
}

/**
 * Builds the graph of a selection and plans its move groups and waves. A disk resource that a
 * selected VM depends on is attached to it: it joins the VM's move group and does not count
 * against the wave size. Iterative throughout; linear apart from the wave heap.
 *
 * @throws InputError when two resources share an external id.
 * @public
 */
export function analyzeDependencies(
  resources: ReadonlyArray<
    Pick<DiscoveredResource, 'externalId' | 'kind' | 'dependsOn'>
  >,
  options: { maxWaveSize: number },
): DependencyAnalysis {
  const size = resources.length;
  const ids = new Array<string>(size);
  const indexOf = new Map<string, number>();
  const isDisk = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    const id = resources[i].externalId;
    indexOf.set(id, i);
    if (indexOf.size === i) {
      throw new InputError(
        `resources: two resources have the external id "${id}"`,
      );
    }
    ids[i] = id;
    // A flat array: reading resources[j].kind per edge is a cache miss on a random object.
    isDisk[i] = resources[i].kind === 'disk' ? 1 : 0;
  }

  // Resolve the ids straight into compressed sparse rows, dropping duplicates and self-loops.
  const unresolved: Array<{ from: string; to: string }> = [];
  const attachedTo = new Int32Array(size).fill(-1);
  const offsets = new Int32Array(size + 1);
  let targets = new Int32Array(Math.max(16, size * 4));
  const seen = new Int32Array(size);
  let count = 0;
  let attachments = 0;
  for (let i = 0; i < size; i++) {
    offsets[i] = count;
    const deps = resources[i].dependsOn;
    const isVm = resources[i].kind === 'vm';
    for (let k = 0; k < deps.length; k++) {
      const j = indexOf.get(deps[k]);
      if (j === undefined) {
        unresolved.push({ from: ids[i], to: deps[k] });
        continue;
      }
      if (j === i || seen[j] === i + 1) continue;
      seen[j] = i + 1;
      if (count === targets.length) {
        const grown = new Int32Array(targets.length * 2);
        grown.set(targets);
        targets = grown;
      }
      targets[count++] = j;
      if (isVm && isDisk[j] === 1 && attachedTo[j] === -1) {
        attachedTo[j] = i;
        attachments++;
      }
    }
  }
  offsets[size] = count;
  const graph: DependencyGraph = {
    size,
    offsets,
    targets: targets.slice(0, count),
  };

  // Attached disks point back at their VM so the pair is one strongly connected component.
  const grouping =
    attachments === 0
      ? graph
      : buildDependencyGraph(size, i => {
          const own = graph.targets.subarray(
            graph.offsets[i],
            graph.offsets[i + 1],
          );
          return attachedTo[i] === -1 ? own : [...own, attachedTo[i]];
        });
  const components = stronglyConnectedComponents(grouping);
  const weights = new Uint8Array(size);
  for (let i = 0; i < size; i++) weights[i] = attachedTo[i] === -1 ? 1 : 0;
  const waves = planWaves(grouping, components, {
    maxWaveSize: options.maxWaveSize,
    weights,
  });
  return {
    ids,
    indexOf,
    graph,
    dependents: reverseGraph(graph),
    unresolved,
    attachedTo,
    components,
    waves,
  };
}
