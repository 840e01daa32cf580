import type { DependencyGraphTypes } from '@backstage/core-components';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import type { AssessmentModel } from './readAssessment';

/** Above this many resources the graph shows waves (group nodes with counts) instead of resources. */
export const MAX_RESOURCE_NODES = 150;
/** Most resources an expanded wave draws; the rest are one "more" node. */
export const MAX_EXPANDED_MEMBERS = 150;

export type GraphNode = {
  id: string;
  label: string;
  sublabel: string;
  wave?: number;
  /** Set on a wave's group node: clicking it expands or collapses the wave. */
  group?: { wave: number; expanded: boolean };
};

/** The graph to draw: nodes, edges, and whether it is drawn by resource or by wave. */
export interface WaveGraph {
  nodes: GraphNode[];
  edges: DependencyGraphTypes.DependencyEdge[];
  level: 'resource' | 'wave';
}

function waveNode(
  wave: AssessmentModel['waves'][number],
  expanded: boolean,
): GraphNode {
  return {
    id: `wave-${wave.number}`,
    label: `Wave ${wave.number}`,
    sublabel: expanded
      ? 'click to collapse'
      : countOf(wave.members.length, 'resource'),
    wave: wave.number,
    group: { wave: wave.number, expanded },
  };
}

/** Edges between the drawn nodes: each dependency mapped to the nodes its ends are drawn in. */
function groupedEdges(
  model: AssessmentModel,
  nodeOf: (resourceId: string) => string | undefined,
): DependencyGraphTypes.DependencyEdge[] {
  const seen = new Set<string>();
  const edges: DependencyGraphTypes.DependencyEdge[] = [];
  const add = (from?: string, to?: string) => {
    const key = `${from}>${to}`;
    if (!from || !to || from === to || seen.has(key)) return;
    seen.add(key);
    edges.push({ from, to });
  };
  for (const e of model.assessment.dependencies.edges) {
    add(nodeOf(e.from), nodeOf(e.to));
  }
  for (const w of model.waves) {
    for (const d of w.dependsOnWaves) add(`wave-${w.number}`, `wave-${d}`);
  }
  return edges;
}

/**
 * Resource dependencies coloured by wave, or — for large estates or when the assessment has no
 * resource-level dependencies — the waves as group nodes with how many resources each moves;
 * the waves in `expanded` are drawn with their resources (up to {@link MAX_EXPANDED_MEMBERS}).
 */
export function buildWaveGraph(
  model: AssessmentModel,
  expanded: ReadonlySet<number> = new Set(),
): WaveGraph {
  const { resources, dependencies } = model.assessment;
  const known = new Set(resources.map(r => r.id));
  const resourceEdges = dependencies.edges.filter(
    e => known.has(e.from) && known.has(e.to),
  );
  if (resources.length <= MAX_RESOURCE_NODES && resourceEdges.length > 0) {
    return {
      level: 'resource',
      nodes: resources.map(r => ({
        id: r.id,
        label: r.name,
        sublabel: `Wave ${r.wave}`,
        wave: r.wave,
      })),
      edges: resourceEdges,
    };
  }
  const nodes: GraphNode[] = [];
  const drawnAs = new Map<string, string>();
  for (const w of model.waves) {
    const open = expanded.has(w.number);
    nodes.push(waveNode(w, open));
    for (const id of w.members) drawnAs.set(id, `wave-${w.number}`);
    if (!open) continue;
    const shown = w.members.slice(0, MAX_EXPANDED_MEMBERS);
    for (const id of shown) {
      nodes.push({
        id,
        label: model.nameOf(id),
        sublabel: `Wave ${w.number}`,
        wave: w.number,
      });
      drawnAs.set(id, id);
    }
    if (w.members.length > shown.length) {
      nodes.push({
        id: `wave-${w.number}-more`,
        label: `${(w.members.length - shown.length).toLocaleString(
          'en-US',
        )} more`,
        sublabel: `Wave ${w.number}`,
        wave: w.number,
      });
    }
  }
  const edges = groupedEdges(model, id => drawnAs.get(id));
  return { level: 'wave', nodes, edges };
}
