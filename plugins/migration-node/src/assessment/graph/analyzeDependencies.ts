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
  resources: ReadonlyArray<Pick<DiscoveredResource, 'externalId' | 'kind' | 'dependsOn'>>,
  options: { maxWaveSize: number },
): DependencyAnalysis {
  const size = resources.length;
  const ids = new Array<string>(size);
  const indexOf = new Map<string, number>();
  for (let i = 0; i < size; i++) {
    const id = resources[i].externalId;
    if (indexOf.has(id)) {
      throw new InputError(
        `resources: two resources have the external id "${id}"`,
      );
    }
    indexOf.set(id, i);
    ids[i] = id;
  }

  const unresolved: Array<{ from: string; to: string }> = [];
  const resolved: number[][] = new Array(size);
  const attachedTo = new Int32Array(size).fill(-1);
  for (let i = 0; i < size; i++) {
    const deps = resources[i].dependsOn;
    const list: number[] = [];
    for (const dep of deps) {
      const j = indexOf.get(dep);
      if (j === undefined) {
        unresolved.push({ from: ids[i], to: dep });
        continue;
      }
      list.push(j);
      if (
        resources[i].kind === 'vm' &&
        resources[j].kind === 'disk' &&
        attachedTo[j] === -1
      ) {
        attachedTo[j] = i;
      }
    }
    resolved[i] = list;
  }

  const graph = buildDependencyGraph(size, i => resolved[i]);
  // Attached disks point back at their VM so the pair is one strongly connected component.
  const grouping = buildDependencyGraph(size, function* deps(i) {
    yield* resolved[i];
    if (attachedTo[i] !== -1) yield attachedTo[i];
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
