import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { reverseGraph, type DependencyGraph } from './DependencyGraph';
import { planWaves, type WavePlan } from './planWaves';
import {
  indexResources,
  resolveDependencies,
  withDisksTied,
} from './resolveDependencies';
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
  const index = indexResources(resources);
  const { graph, unresolved, attachedTo, attachments } = resolveDependencies(
    resources,
    index,
  );
  const grouping = attachments === 0 ? graph : withDisksTied(graph, attachedTo);
  const components = stronglyConnectedComponents(grouping);
  const weights = new Uint8Array(graph.size);
  for (let i = 0; i < graph.size; i++) {
    weights[i] = attachedTo[i] === -1 ? 1 : 0;
  }
  const waves = planWaves(grouping, components, {
    maxWaveSize: options.maxWaveSize,
    weights,
  });
  return {
    ids: index.ids,
    indexOf: index.indexOf,
    graph,
    dependents: reverseGraph(graph),
    unresolved,
    attachedTo,
    components,
    waves,
  };
}
