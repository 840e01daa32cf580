import type { DependencyGraph } from './DependencyGraph';
import type { Components } from './stronglyConnectedComponents';

/** Why one move group (a dependency cycle) is larger than the max wave size. */
export interface OversizedGroupExplanation {
  /** A shortest dependency cycle through the group's busiest member, as node indices, closed. */
  cycle: number[];
  /** The members with the most dependencies inside the group, busiest first. */
  hubs: Array<{ node: number; edges: number }>;
  /** Dependencies between members of the group. */
  internalEdges: number;
}

function internalDegrees(
  graph: DependencyGraph,
  dependents: DependencyGraph,
  components: Components,
  component: number,
) {
  const degrees: Array<{ node: number; edges: number }> = [];
  let internalEdges = 0;
  const { memberOffsets, members, componentOf } = components;
  for (
    let m = memberOffsets[component];
    m < memberOffsets[component + 1];
    m++
  ) {
    const node = members[m];
    let edges = 0;
    for (const g of [graph, dependents]) {
      for (let e = g.offsets[node]; e < g.offsets[node + 1]; e++) {
        if (componentOf[g.targets[e]] === component) edges++;
      }
    }
    for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
      if (componentOf[graph.targets[e]] === component) internalEdges++;
    }
    degrees.push({ node, edges });
  }
  degrees.sort((a, b) => b.edges - a.edges || a.node - b.node);
  return { degrees, internalEdges };
}

/** Breadth-first search inside the component from `start` back to `start`: a shortest cycle. */
function shortestCycleThrough(
  graph: DependencyGraph,
  components: Components,
  start: number,
): number[] {
  const component = components.componentOf[start];
  const parent = new Map<number, number>([[start, -1]]);
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head];
    for (let e = graph.offsets[node]; e < graph.offsets[node + 1]; e++) {
      const next = graph.targets[e];
      if (components.componentOf[next] !== component) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.push(at);
        path.push(start);
        return [start, ...path.slice(1, -1).reverse(), start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

/**
 * Explains a move group that exceeds the max wave size: every member of a strongly connected
 * component must move together, so the group is split only by breaking one of its cycles. Names
 * a shortest cycle through the busiest member and the members with the most in-group
 * dependencies, where breaking or reversing a dependency splits the most. Linear in the group's
 * members and edges.
 */
export function explainOversizedGroup(
  graph: DependencyGraph,
  dependents: DependencyGraph,
  components: Components,
  component: number,
): OversizedGroupExplanation {
  const { degrees, internalEdges } = internalDegrees(
    graph,
    dependents,
    components,
    component,
  );
  const hub = degrees[0]?.node;
  return {
    cycle:
      hub === undefined ? [] : shortestCycleThrough(graph, components, hub),
    hubs: degrees.slice(0, 3),
    internalEdges,
  };
}
