import type { DependencyGraph } from './DependencyGraph';
import { condenseGraph, criticalPathRank } from './condenseGraph';
import type { Components } from './stronglyConnectedComponents';

/**
 * Waves over the components of a dependency graph.
 *
 * @public
 */
export interface WavePlan {
  /** 0-based wave of each component. */
  waveOfComponent: Int32Array;
  waves: Array<{
    /** Components in the wave, ascending. */
    components: number[];
    /** Resources counted against the wave size. */
    weight: number;
    /** Components that were ready but did not fit and moved to a later wave. */
    deferred: number;
    /** True when a single component is larger than the max wave size. */
    oversized: boolean;
  }>;
  /** Distinct component dependencies: deps of c are `depTargets[depOffsets[c] .. depOffsets[c+1])`. */
  depOffsets: Int32Array;
  depTargets: Int32Array;
  /** Length of the longest chain of components that depend on c (c included). */
  rank: Int32Array;
}

/** Max components looked at and set aside per wave while looking for ones that still fit. */
const SET_ASIDE_LIMIT = 64;

class ReadyHeap {
  private items: Int32Array;
  size = 0;
  constructor(capacity: number, private readonly rank: Int32Array) {
    this.items = new Int32Array(Math.max(1, capacity));
  }
  /** Higher rank first, then lower component number. */
  private before(a: number, b: number) {
    const ra = this.rank[a];
    const rb = this.rank[b];
    return ra !== rb ? ra > rb : a < b;
  }
  push(c: number) {
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(c, items[parent])) break;
      items[i] = items[parent];
      i = parent;
    }
    items[i] = c;
  }
  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items[--this.size];
    let i = 0;
    const n = this.size;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && this.before(items[r], items[l]) ? r : l;
      if (!this.before(items[child], last)) break;
      items[i] = items[child];
      i = child;
    }
    if (n > 0) items[i] = last;
    return top;
  }
}

/** Takes the next wave off the ready heap: highest rank first, up to the max wave size. */
function takeWave(heap: ReadyHeap, weight: Int32Array, maxWaveSize: number) {
  const wave: number[] = [];
  const setAside: number[] = [];
  let capacity = maxWaveSize;
  let oversized = false;
  while (heap.size > 0 && capacity > 0) {
    const c = heap.pop();
    const w = weight[c];
    if (w <= capacity) {
      wave.push(c);
      capacity -= w;
    } else if (wave.length === 0) {
      wave.push(c);
      capacity = 0;
      oversized = true;
    } else {
      setAside.push(c);
      if (setAside.length >= SET_ASIDE_LIMIT) break;
    }
  }
  for (const c of setAside) heap.push(c);
  return { wave, oversized };
}

/**
 * Layers the condensed graph (components as nodes) into waves, dependencies first: a component
 * goes into a wave only when every component it depends on is in an earlier wave, and a wave holds
 * at most `maxWaveSize` resources. Among ready components, those heading the longest chain of
 * dependents go first (critical path), so the number of waves stays close to the minimum.
 * Iterative, O((V + E) log V).
 *
 * @param weights - per node, how much it counts against the wave size (default 1 each).
 * @public
 */
export function planWaves(
  graph: DependencyGraph,
  components: Components,
  options: { maxWaveSize: number; weights?: ArrayLike<number> },
): WavePlan {
  const { count } = components;
  const maxWaveSize = Math.max(1, Math.floor(options.maxWaveSize));
  const condensed = condenseGraph(graph, components, options.weights);
  const { depOffsets, dependentOffsets, dependents, weight } = condensed;
  const rank = criticalPathRank(condensed);
  const unmet = new Int32Array(count);
  for (let c = 0; c < count; c++) unmet[c] = depOffsets[c + 1] - depOffsets[c];

  const heap = new ReadyHeap(count, rank);
  for (let c = 0; c < count; c++) if (unmet[c] === 0) heap.push(c);
  const waveOfComponent = new Int32Array(count).fill(-1);
  const waves: WavePlan['waves'] = [];
  const released: number[] = [];
  while (heap.size > 0) {
    const { wave, oversized } = takeWave(heap, weight, maxWaveSize);
    const index = waves.length;
    released.length = 0;
    let waveWeight = 0;
    for (const c of wave) {
      waveOfComponent[c] = index;
      waveWeight += weight[c];
      for (let e = dependentOffsets[c]; e < dependentOffsets[c + 1]; e++) {
        const d = dependents[e];
        if (--unmet[d] === 0) released.push(d);
      }
    }
    const deferred = heap.size;
    for (const d of released) heap.push(d);
    wave.sort((a, b) => a - b);
    waves.push({ components: wave, weight: waveWeight, deferred, oversized });
  }
  return {
    waveOfComponent,
    waves,
    depOffsets,
    depTargets: condensed.depTargets,
    rank,
  };
}
