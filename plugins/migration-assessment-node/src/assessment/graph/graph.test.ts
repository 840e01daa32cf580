import { analyzeDependencies } from './analyzeDependencies';
import { buildDependencyGraph, reverseGraph } from './DependencyGraph';
import { planWaves } from './planWaves';
import { stronglyConnectedComponents } from './stronglyConnectedComponents';

function graphOf(edges: Array<[number, number]>, size: number) {
  const lists: number[][] = Array.from({ length: size }, () => []);
  for (const [a, b] of edges) lists[a].push(b);
  return buildDependencyGraph(size, i => lists[i]);
}

function groups(size: number, edges: Array<[number, number]>) {
  const scc = stronglyConnectedComponents(graphOf(edges, size));
  const byComponent = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    const c = scc.componentOf[i];
    byComponent.set(c, [...(byComponent.get(c) ?? []), i]);
  }
  return [...byComponent.values()].sort((a, b) => a[0] - b[0]);
}

describe('buildDependencyGraph', () => {
  it('drops duplicate edges, self-loops and out-of-range targets', () => {
    const g = buildDependencyGraph(3, i =>
      i === 0 ? [1, 1, 0, 2, 7, -1] : [],
    );
    expect(Array.from(g.targets)).toEqual([1, 2]);
    expect(Array.from(g.offsets)).toEqual([0, 2, 2, 2]);
    const r = reverseGraph(g);
    expect(Array.from(r.targets.subarray(r.offsets[1], r.offsets[2]))).toEqual([
      0,
    ]);
    expect(Array.from(r.targets.subarray(r.offsets[2], r.offsets[3]))).toEqual([
      0,
    ]);
  });
});

describe('stronglyConnectedComponents', () => {
  it('finds cycles and keeps acyclic nodes apart', () => {
    // 0 → 1 → 2 → 0 is a cycle; 3 → 0; 4 alone; 5 ↔ 6
    expect(
      groups(7, [
        [0, 1],
        [1, 2],
        [2, 0],
        [3, 0],
        [5, 6],
        [6, 5],
      ]),
    ).toEqual([[0, 1, 2], [3], [4], [5, 6]]);
  });

  it('numbers components dependencies first', () => {
    const g = graphOf(
      [
        [0, 1],
        [1, 2],
        [3, 2],
        [3, 0],
      ],
      4,
    );
    const scc = stronglyConnectedComponents(g);
    for (let i = 0; i < 4; i++) {
      for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
        expect(scc.componentOf[i]).toBeGreaterThan(
          scc.componentOf[g.targets[e]],
        );
      }
    }
  });

  it('handles a 200,000-node chain and a 200,000-node cycle without recursion', () => {
    const n = 200_000;
    const chain = buildDependencyGraph(n, i => (i + 1 < n ? [i + 1] : []));
    expect(stronglyConnectedComponents(chain).count).toBe(n);
    const ring = buildDependencyGraph(n, i => [(i + 1) % n]);
    expect(stronglyConnectedComponents(ring).count).toBe(1);
  });
});

describe('planWaves', () => {
  function waveOf(
    size: number,
    edges: Array<[number, number]>,
    maxWaveSize: number,
  ) {
    const g = graphOf(edges, size);
    const scc = stronglyConnectedComponents(g);
    const plan = planWaves(g, scc, { maxWaveSize });
    return {
      plan,
      wave: (i: number) => plan.waveOfComponent[scc.componentOf[i]],
      g,
      scc,
    };
  }

  it('puts every dependency in an earlier wave', () => {
    // web(0) → app(1) → db(2); app → cache(3); report(4) → db
    const { wave, plan } = waveOf(
      5,
      [
        [0, 1],
        [1, 2],
        [1, 3],
        [4, 2],
      ],
      10,
    );
    expect(wave(2)).toBe(0);
    expect(wave(3)).toBe(0);
    expect(wave(1)).toBe(1);
    expect(wave(4)).toBe(1);
    expect(wave(0)).toBe(2);
    expect(plan.waves).toHaveLength(3);
  });

  it('respects the max wave size and says how many were deferred', () => {
    const { plan } = waveOf(7, [], 3);
    expect(plan.waves.map(w => w.components.length)).toEqual([3, 3, 1]);
    expect(plan.waves[0].deferred).toBe(4);
    expect(plan.waves[2].deferred).toBe(0);
  });

  it('keeps a cycle together even when it is larger than the max wave size', () => {
    const { plan, scc } = waveOf(
      5,
      [
        [0, 1],
        [1, 2],
        [2, 0],
        [3, 0],
      ],
      2,
    );
    const cycle = scc.componentOf[0];
    const cycleWave = plan.waves.find(w => w.components.includes(cycle))!;
    expect(cycleWave.components).toEqual([cycle]);
    expect(cycleWave.weight).toBe(3);
    expect(cycleWave.oversized).toBe(true);
  });

  it('starts the longest chain first so waves stay few', () => {
    // Chain 0 → 1 → 2 → 3 plus five independent nodes, max 2 per wave: the chain's tail (3) must
    // go in wave 1, otherwise the chain needs more waves.
    const { wave, plan } = waveOf(
      9,
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
      2,
    );
    expect(wave(3)).toBe(0);
    expect(plan.waves).toHaveLength(5);
  });

  it('satisfies dependencies on a random graph with cycles', () => {
    const n = 2000;
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const edges: Array<[number, number]> = [];
    for (let i = 0; i < n * 4; i++) {
      const a = Math.floor(rand() * n);
      const b = Math.floor(rand() * n);
      // mostly towards lower indices, some back edges to make cycles
      edges.push(
        rand() < 0.97
          ? [Math.max(a, b), Math.min(a, b)]
          : [Math.min(a, b), Math.max(a, b)],
      );
    }
    const { g, scc, plan } = waveOf(n, edges, 25);
    const violations: string[] = [];
    let crossEdges = 0;
    for (let i = 0; i < n; i++) {
      for (let e = g.offsets[i]; e < g.offsets[i + 1]; e++) {
        const j = g.targets[e];
        const ci = scc.componentOf[i];
        const cj = scc.componentOf[j];
        if (ci === cj) continue;
        crossEdges++;
        if (plan.waveOfComponent[cj] >= plan.waveOfComponent[ci]) {
          violations.push(`${i} → ${j}`);
        }
      }
    }
    expect(crossEdges).toBeGreaterThan(n);
    expect(scc.count).toBeLessThan(n); // the back edges made some cycles
    expect(violations).toEqual([]);
    const overfull = plan.waves.filter(w => !w.oversized && w.weight > 25);
    expect(overfull).toEqual([]);
    expect(plan.waves.reduce((s, w) => s + w.weight, 0)).toBe(n);
  });
});

describe('analyzeDependencies', () => {
  it('joins attached disks to their VM, lists unresolved dependencies and rejects duplicate ids', () => {
    const analysis = analyzeDependencies(
      [
        {
          externalId: 'vm-1',
          kind: 'vm',
          dependsOn: ['disk-1', 'sg-1', 'outside'],
        },
        { externalId: 'disk-1', kind: 'disk', dependsOn: [] },
        { externalId: 'sg-1', kind: 'security-group', dependsOn: [] },
      ],
      { maxWaveSize: 1 },
    );
    const { componentOf } = analysis.components;
    expect(componentOf[0]).toBe(componentOf[1]);
    expect(componentOf[2]).not.toBe(componentOf[0]);
    expect(analysis.attachedTo[1]).toBe(0);
    expect(analysis.unresolved).toEqual([{ from: 'vm-1', to: 'outside' }]);
    // The VM+disk group weighs 1, so max 1 per wave still gives two waves: sg first.
    const waveOf = (i: number) =>
      analysis.waves.waveOfComponent[componentOf[i]];
    expect(waveOf(2)).toBe(0);
    expect(waveOf(0)).toBe(1);
    expect(analysis.waves.waves[1].weight).toBe(1);

    expect(() =>
      analyzeDependencies(
        [
          { externalId: 'a', kind: 'vm', dependsOn: [] },
          { externalId: 'a', kind: 'vm', dependsOn: [] },
        ],
        { maxWaveSize: 5 },
      ),
    ).toThrow(/two resources have the external id "a"/);
  });
});
