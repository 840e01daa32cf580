import { InputError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { buildDependencyGraph, type DependencyGraph } from './DependencyGraph';

type Selected = Pick<DiscoveredResource, 'externalId' | 'kind' | 'dependsOn'>;

/** The selection's ids by index and back, and which resources are disks. */
export interface ResourceIndex {
  ids: string[];
  indexOf: Map<string, number>;
  /** 1 for a disk resource: a flat array, since reading `resources[j].kind` per edge is a cache miss on a random object. */
  isDisk: Uint8Array;
}

/** The resolved dependencies of a selection. */
export interface ResolvedDependencies {
  graph: DependencyGraph;
  /** Dependencies that are not in the selection. */
  unresolved: Array<{ from: string; to: string }>;
  /** Index of the selected VM each disk resource is attached to, or -1. */
  attachedTo: Int32Array;
  /** How many disks are attached. */
  attachments: number;
}

/**
 * Indexes the selection by external id.
 *
 * @throws InputError when two resources share an external id.
 */
export function indexResources(
  resources: ReadonlyArray<Selected>,
): ResourceIndex {
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
    isDisk[i] = resources[i].kind === 'disk' ? 1 : 0;
  }
  return { ids, indexOf, isDisk };
}

/**
 * Resolves the ids straight into compressed sparse rows, dropping duplicates and self-loops, and
 * attaches each disk to the first VM that depends on it.
 */
export function resolveDependencies(
  resources: ReadonlyArray<Selected>,
  { ids, indexOf, isDisk }: ResourceIndex,
): ResolvedDependencies {
  const size = resources.length;
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
  const graph = { size, offsets, targets: targets.slice(0, count) };
  return { graph, unresolved, attachedTo, attachments };
}

/** The graph with each attached disk pointing back at its VM, so the pair is one strongly connected component. */
export function withDisksTied(
  graph: DependencyGraph,
  attachedTo: Int32Array,
): DependencyGraph {
  return buildDependencyGraph(graph.size, i => {
    const own = graph.targets.subarray(graph.offsets[i], graph.offsets[i + 1]);
    return attachedTo[i] === -1 ? own : [...own, attachedTo[i]];
  });
}
