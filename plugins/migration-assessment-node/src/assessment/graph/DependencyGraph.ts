/**
 * A dependency graph over node indices 0..size-1 in compressed sparse row form: the nodes `i`
 * depends on are `targets[offsets[i] .. offsets[i + 1])`. Duplicate edges and self-loops are
 * dropped when it is built.
 *
 * @public
 */
export interface DependencyGraph {
  size: number;
  offsets: Int32Array;
  targets: Int32Array;
}

/**
 * Builds a {@link DependencyGraph} from per-node dependency lists of node indices. Iterative and
 * linear in nodes + edges.
 *
 * @public
 */
export function buildDependencyGraph(
  size: number,
  dependenciesOf: (node: number) => Iterable<number>,
): DependencyGraph {
  const offsets = new Int32Array(size + 1);
  let targets = new Int32Array(Math.max(16, size * 2));
  // seen[t] === node + 1 means node already has an edge to t.
  const seen = new Int32Array(size);
  let count = 0;
  for (let node = 0; node < size; node++) {
    offsets[node] = count;
    for (const target of dependenciesOf(node)) {
      if (target === node || target < 0 || target >= size) continue;
      if (seen[target] === node + 1) continue;
      seen[target] = node + 1;
      if (count === targets.length) {
        const grown = new Int32Array(targets.length * 2);
        grown.set(targets);
        targets = grown;
      }
      targets[count++] = target;
    }
  }
  offsets[size] = count;
  return { size, offsets, targets: targets.slice(0, count) };
}

/**
 * The reverse graph: for each node, the nodes that depend on it.
 *
 * @public
 */
export function reverseGraph(graph: DependencyGraph): DependencyGraph {
  const { size, offsets, targets } = graph;
  const counts = new Int32Array(size + 1);
  for (let e = 0; e < targets.length; e++) counts[targets[e] + 1]++;
  for (let i = 0; i < size; i++) counts[i + 1] += counts[i];
  const reversedTargets = new Int32Array(targets.length);
  const cursor = counts.slice(0, size);
  for (let node = 0; node < size; node++) {
    for (let e = offsets[node]; e < offsets[node + 1]; e++) {
      reversedTargets[cursor[targets[e]]++] = node;
    }
  }
  return { size, offsets: counts, targets: reversedTargets };
}
