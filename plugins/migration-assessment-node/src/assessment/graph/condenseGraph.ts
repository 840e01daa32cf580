import type { DependencyGraph } from './DependencyGraph';
import type { Components } from './stronglyConnectedComponents';

/** The graph with components as nodes, both ways, and what each component weighs. */
export interface CondensedGraph {
  /** Distinct component dependencies: deps of c are `depTargets[depOffsets[c] .. depOffsets[c+1])`. */
  depOffsets: Int32Array;
  depTargets: Int32Array;
  /** Components that depend on c: `dependents[dependentOffsets[c] .. dependentOffsets[c+1])`. */
  dependentOffsets: Int32Array;
  dependents: Int32Array;
  /** Resources of each component counted against the wave size. */
  weight: Int32Array;
}

/** Condensed dependencies, deduplicated, and component weights. */
function condensedDependencies(
  graph: DependencyGraph,
  components: Components,
  weights: ArrayLike<number> | undefined,
) {
  const { offsets, targets } = graph;
  const { count, componentOf, memberOffsets, members } = components;
  const depOffsets = new Int32Array(count + 1);
  let depTargets = new Int32Array(Math.max(16, targets.length));
  const mark = new Int32Array(count);
  const weight = new Int32Array(count);
  let edges = 0;
  for (let c = 0; c < count; c++) {
    depOffsets[c] = edges;
    for (let m = memberOffsets[c]; m < memberOffsets[c + 1]; m++) {
      const node = members[m];
      weight[c] += weights ? weights[node] : 1;
      for (let e = offsets[node]; e < offsets[node + 1]; e++) {
        const dep = componentOf[targets[e]];
        if (dep === c || mark[dep] === c + 1) continue;
        mark[dep] = c + 1;
        if (edges === depTargets.length) {
          const grown = new Int32Array(depTargets.length * 2);
          grown.set(depTargets);
          depTargets = grown;
        }
        depTargets[edges++] = dep;
      }
    }
  }
  depOffsets[count] = edges;
  return { depOffsets, depTargets: depTargets.slice(0, edges), weight };
}

/** The reverse condensed edges: who depends on each component. */
function condensedDependents(
  count: number,
  depOffsets: Int32Array,
  depTargets: Int32Array,
) {
  const edges = depTargets.length;
  const dependentOffsets = new Int32Array(count + 1);
  for (let e = 0; e < edges; e++) dependentOffsets[depTargets[e] + 1]++;
  for (let c = 0; c < count; c++) {
    dependentOffsets[c + 1] += dependentOffsets[c];
  }
  const dependents = new Int32Array(edges);
  const cursor = dependentOffsets.slice(0, count);
  for (let c = 0; c < count; c++) {
    for (let e = depOffsets[c]; e < depOffsets[c + 1]; e++) {
      dependents[cursor[depTargets[e]]++] = c;
    }
  }
  return { dependentOffsets, dependents };
}

/** Condenses a graph over its strongly connected components. */
export function condenseGraph(
  graph: DependencyGraph,
  components: Components,
  weights?: ArrayLike<number>,
): CondensedGraph {
  const deps = condensedDependencies(graph, components, weights);
  return {
    ...deps,
    ...condensedDependents(components.count, deps.depOffsets, deps.depTargets),
  };
}

/**
 * Length of the longest chain of components that depend on c (c included). Components are
 * numbered dependencies first, so dependents have higher numbers: walking down from the top sees
 * every dependent before the component it depends on.
 */
export function criticalPathRank({
  dependentOffsets,
  dependents,
}: CondensedGraph): Int32Array {
  const count = dependentOffsets.length - 1;
  const rank = new Int32Array(count);
  for (let c = count - 1; c >= 0; c--) {
    let best = 0;
    for (let e = dependentOffsets[c]; e < dependentOffsets[c + 1]; e++) {
      const r = rank[dependents[e]];
      if (r > best) best = r;
    }
    rank[c] = best + 1;
  }
  return rank;
}
