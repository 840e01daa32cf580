import { buildDependencyGraph, reverseGraph } from './DependencyGraph';
import { explainOversizedGroup } from './explainOversizedGroup';
import { stronglyConnectedComponents } from './stronglyConnectedComponents';

function explain(size: number, edges: Array<[number, number]>, node: number) {
  const lists: number[][] = Array.from({ length: size }, () => []);
  for (const [a, b] of edges) lists[a].push(b);
  const graph = buildDependencyGraph(size, i => lists[i]);
  const components = stronglyConnectedComponents(graph);
  return explainOversizedGroup(
    graph,
    reverseGraph(graph),
    components,
    components.componentOf[node],
  );
}

describe('explainOversizedGroup', () => {
  it('names a shortest cycle through the busiest member and the hubs', () => {
    // A long ring 0 → 1 → … → 7 → 0 plus a short cycle 3 ↔ 5 and a chord 3 → 6: node 3 has the most
    // in-group dependencies, and the shortest cycle through it is 3 → 5 → 3, not the ring.
    const ring: Array<[number, number]> = Array.from({ length: 8 }, (_, i) => [
      i,
      (i + 1) % 8,
    ]);
    const why = explain(9, [...ring, [3, 5], [5, 3], [3, 6], [8, 0]], 0);
    expect(why.hubs[0]).toEqual({ node: 3, edges: 5 });
    expect(why.cycle).toEqual([3, 5, 3]);
    // 8 depends on the ring but is not in the cycle group.
    expect(why.internalEdges).toBe(11);
  });

  it('follows the long way round when no shorter cycle exists', () => {
    const why = explain(
      4,
      [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 0],
      ],
      2,
    );
    expect(why.cycle).toHaveLength(5);
    expect(why.cycle[0]).toBe(why.cycle[4]);
    expect(new Set(why.cycle)).toEqual(new Set([0, 1, 2, 3]));
  });
});
