import type { DependencyGraphTypes } from '@backstage/core-components';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import type { AssessmentModel } from './readAssessment';

/** Above this many resources the graph shows waves (group nodes with counts) instead of resources. */
export const MAX_RESOURCE_NODES = 150;
/** Most resources an expanded wave draws; the rest are one "more" node. */
export const MAX_EXPANDED_MEMBERS = 150;
/** Most waves drawn as nodes; the later ones are one "more waves" node. */
export const MAX_WAVE_NODES = 50;
/** The node that stands for the waves beyond {@link MAX_WAVE_NODES}. */
const MORE_WAVES = 'more-waves';

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
    for (const d of w.dependsOnWaves) {
      add(nodeOf(`wave-${w.number}`), nodeOf(`wave-${d}`));
    }
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
  const { dependencies } = model.assessment;
  const waveOf = new Map<string, number>();
  for (const w of model.waves) {
    for (const id of w.members) waveOf.set(id, w.number);
  }
  const resourceEdges = dependencies.edges.filter(
    e => waveOf.has(e.from) && waveOf.has(e.to),
  );
  if (model.resourceCount <= MAX_RESOURCE_NODES && resourceEdges.length > 0) {
    return {
      level: 'resource',
      nodes: [...waveOf].map(([id, wave]) => ({
        id,
        label: model.nameOf(id),
        sublabel: `Wave ${wave}`,
        wave,
      })),
      edges: resourceEdges,
    };
  }
  const nodes: GraphNode[] = [];
  const drawnAs = new Map<string, string>();
  const drawn = model.waves.slice(0, MAX_WAVE_NODES);
  for (const w of drawn) {
    nodes.push(...waveNodes(model, w, expanded.has(w.number), drawnAs));
  }
  const rest = model.waves.slice(MAX_WAVE_NODES);
  if (rest.length > 0) {
    nodes.push(moreWavesNode(rest));
    for (const w of rest) {
      drawnAs.set(`wave-${w.number}`, MORE_WAVES);
      for (const id of w.members) drawnAs.set(id, MORE_WAVES);
    }
  }
  const edges = groupedEdges(model, id => drawnAs.get(id));
  return { level: 'wave', nodes, edges };
}

/** A wave's group node, and its resources when it is expanded; records where each is drawn. */
function waveNodes(
  model: AssessmentModel,
  w: AssessmentModel['waves'][number],
  open: boolean,
  drawnAs: Map<string, string>,
): GraphNode[] {
  const nodes = [waveNode(w, open)];
  drawnAs.set(`wave-${w.number}`, `wave-${w.number}`);
  for (const id of w.members) drawnAs.set(id, `wave-${w.number}`);
  if (!open) return nodes;
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
  return nodes;
}

/** One node for the waves beyond {@link MAX_WAVE_NODES}, with how many resources they move. */
function moreWavesNode(rest: AssessmentModel['waves']): GraphNode {
  const first = rest[0].number;
  const last = rest[rest.length - 1].number;
  const members = rest.reduce((n, w) => n + w.members.length, 0);
  return {
    id: MORE_WAVES,
    label: `…and ${rest.length.toLocaleString('en-US')} more waves`,
    sublabel: `waves ${first}–${last}, ${members.toLocaleString(
      'en-US',
    )} resources`,
  };
}
