/**
 * Waves vs a graph library (issue 16 item 2): the assessment suite's 100,000-node / ~400,000-edge
 * dependency graph (same generator, same seed) through our planner (`analyzeDependencies`: ids
 * resolved, strongly connected components, capacity-bounded waves of 50) and through
 * `@dagrejs/graphlib` in the same process: a `Graph` built from the same string ids,
 * `alg.tarjan` for the strongly connected components, the condensation (a graph of the
 * components) and `alg.topsort` of it — an order of move groups, without wave sizes. Both give
 * the move groups; the suite fails unless they are the same sets. Target: ≥ 5× faster than
 * graphlib. Best of three runs for ours, two for graphlib (each takes seconds).
 */
import os from 'node:os';
import type * as Graphlib from '@dagrejs/graphlib';
import type { DiscoveredResource } from '../../plugins/migration-common/src';
import { analyzeDependencies } from '../../plugins/migration-assessment-node/src/assessment';
import type { Components } from '../../plugins/migration-assessment-node/src/assessment/graph/stronglyConnectedComponents';
import { generateEstate } from '../generators/assessmentEstate';
import type { BenchRow, BenchSuite } from '../lib';
import { measurePeer, seconds, timed } from '../lib';

const NODES = 100_000;
const EDGES_PER_NODE = 4;

type Estate = ReadonlyArray<
  Pick<DiscoveredResource, 'externalId' | 'kind' | 'dependsOn'>
>;

/** graphlib's move groups (as lists of ids) and the number of groups its topsort ordered. */
function graphlibGroups({ alg, Graph }: typeof Graphlib, resources: Estate) {
  const graph = new Graph({ directed: true });
  for (const r of resources) graph.setNode(r.externalId);
  for (const r of resources) {
    for (const d of r.dependsOn) {
      // As the planner: self-references and dependencies outside the estate dropped.
      if (d !== r.externalId && graph.hasNode(d)) {
        graph.setEdge(r.externalId, d);
      }
    }
  }
  const groups = alg.tarjan(graph);
  const groupOf = new Map<string, number>();
  groups.forEach((members, g) => {
    for (const id of members) groupOf.set(id, g);
  });
  const condensed = new Graph({ directed: true });
  groups.forEach((_, g) => condensed.setNode(String(g)));
  for (const { v, w } of graph.edges()) {
    const from = groupOf.get(v)!;
    const to = groupOf.get(w)!;
    if (from !== to) condensed.setEdge(String(from), String(to));
  }
  const order = alg.topsort(condensed);
  return { groups, ordered: order.length };
}

/**
 * Whether graphlib's groups are our components as sets: as many of them, and each one's members
 * all in one of ours of the same size. Throws naming the first difference.
 */
export function assertSameGroups(
  ours: Pick<Components, 'count' | 'componentOf' | 'memberOffsets'>,
  indexOf: ReadonlyMap<string, number>,
  theirs: string[][],
) {
  if (theirs.length !== ours.count) {
    throw new Error(
      `graphlib found ${theirs.length} move groups, the planner ${ours.count}`,
    );
  }
  for (const members of theirs) {
    const component = ours.componentOf[indexOf.get(members[0])!];
    const size =
      ours.memberOffsets[component + 1] - ours.memberOffsets[component];
    const split = members.find(
      id => ours.componentOf[indexOf.get(id)!] !== component,
    );
    if (split !== undefined || size !== members.length) {
      throw new Error(
        `move group of ${members[0]} differs: graphlib ${
          members.length
        } members, planner ${size}${split ? ` (${split} is elsewhere)` : ''}`,
      );
    }
  }
}

const suite: BenchSuite = {
  name: 'peers: waves',
  async run(): Promise<BenchRow[]> {
    const { resources, edges } = generateEstate({
      nodes: NODES,
      edgesPerNode: EDGES_PER_NODE,
    });
    const ours: number[] = [];
    let plan: ReturnType<typeof analyzeDependencies> | undefined;
    for (let r = 0; r < 3; r++) {
      global.gc?.();
      const run = await timed(() =>
        analyzeDependencies(resources, { maxWaveSize: 50 }),
      );
      ours.push(run.ms);
      plan = run.result;
    }
    const runs: number[] = [];
    let ordered = 0;
    let groups: string[][] | undefined;
    const peer = await measurePeer(
      'graphlib 2.2: tarjan + condensation topsort',
      'lower',
      async () => {
        // Loaded here, so a missing peer makes its row say so instead of failing the suite.
        const loaded = await import('@dagrejs/graphlib');
        // A CommonJS package: its exports may arrive as the namespace's default.
        const graphlib: typeof Graphlib = loaded.alg
          ? loaded
          : (loaded as unknown as { default: typeof Graphlib }).default;
        for (let r = 0; r < 2; r++) {
          global.gc?.();
          const run = await timed(() => graphlibGroups(graphlib, resources));
          runs.push(run.ms);
          groups = run.result.groups;
          ordered = run.result.ordered;
        }
        return Math.min(...runs);
      },
    );
    // A disagreement fails the suite: the speed of a different answer is no comparison.
    if (groups) assertSameGroups(plan!.components, plan!.indexOf, groups);
    const graphlib = peer.value
      ? `graphlib ${seconds(runs)} s, ${ordered} groups ordered; `
      : '';
    return [
      {
        name: `move groups + order, ${NODES.toLocaleString(
          'en-US',
        )} nodes / ${edges.toLocaleString('en-US')} edges`,
        value: Math.min(...ours),
        unit: 'ms',
        peer,
        target: { op: '>=', value: 5, of: 'peer' },
        notes: `best of 3 (${seconds(
          ours,
        )} s) and of 2 for graphlib; ours plans waves of ≤ 50 too; ${graphlib}${
          plan!.components.count
        } move groups, the same sets (asserted); load ${os
          .loadavg()[0]
          .toFixed(1)}`,
      },
    ];
  },
};

export default suite;
