import type { DependencyGraph } from './DependencyGraph';

/**
 * Strongly connected components of a dependency graph.
 *
 * @public
 */
export interface Components {
  count: number;
  /** Component index of each node. */
  componentOf: Int32Array;
  /**
   * Members of component `c` are `members[memberOffsets[c] .. memberOffsets[c + 1])`, ascending.
   * Components are numbered dependencies first: every edge between two components goes from a
   * higher number to a lower one.
   */
  memberOffsets: Int32Array;
  members: Int32Array;
}

/**
 * Tarjan's algorithm with an explicit stack, so that deep graphs (long dependency chains of
 * 100,000 nodes) never hit a recursion limit. Linear in nodes + edges.
 *
 * Tarjan emits a component only after every component reachable from it, so numbering in emission
 * order puts dependencies first.
 *
 * @public
 */
export function stronglyConnectedComponents(
  graph: DependencyGraph,
): Components {
  const { size, offsets, targets } = graph;
  const index = new Int32Array(size).fill(-1);
  const lowlink = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const componentOf = new Int32Array(size).fill(-1);
  const stack = new Int32Array(size);
  let stackTop = 0;
  // The call stack: node and the next edge to look at.
  const callNode = new Int32Array(size);
  const callEdge = new Int32Array(size);
  let depth = 0;
  let nextIndex = 0;
  let count = 0;

  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    callNode[0] = root;
    callEdge[0] = offsets[root];
    index[root] = lowlink[root] = nextIndex++;
    stack[stackTop++] = root;
    onStack[root] = 1;
    depth = 1;

    while (depth > 0) {
      const node = callNode[depth - 1];
      const edge = callEdge[depth - 1];
      if (edge < offsets[node + 1]) {
        callEdge[depth - 1] = edge + 1;
        const next = targets[edge];
        if (index[next] === -1) {
          index[next] = lowlink[next] = nextIndex++;
          stack[stackTop++] = next;
          onStack[next] = 1;
          callNode[depth] = next;
          callEdge[depth] = offsets[next];
          depth++;
        } else if (onStack[next] && index[next] < lowlink[node]) {
          lowlink[node] = index[next];
        }
        continue;
      }
      // All edges of `node` done: close its component if it is a root, then return to the caller.
      if (lowlink[node] === index[node]) {
        let member: number;
        do {
          member = stack[--stackTop];
          onStack[member] = 0;
          componentOf[member] = count;
        } while (member !== node);
        count++;
      }
      depth--;
      if (depth > 0) {
        const parent = callNode[depth - 1];
        if (lowlink[node] < lowlink[parent]) lowlink[parent] = lowlink[node];
      }
    }
  }

  const memberOffsets = new Int32Array(count + 1);
  for (let node = 0; node < size; node++)
    memberOffsets[componentOf[node] + 1]++;
  for (let c = 0; c < count; c++) memberOffsets[c + 1] += memberOffsets[c];
  const members = new Int32Array(size);
  const cursor = memberOffsets.slice(0, count);
  for (let node = 0; node < size; node++) {
    members[cursor[componentOf[node]]++] = node;
  }
  return { count, componentOf, memberOffsets, members };
}
