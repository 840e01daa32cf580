import { useMemo, useState, type KeyboardEvent } from 'react';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { Typography, makeStyles, useTheme } from '@material-ui/core';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import type { AssessmentModel } from './readAssessment';

/** Above this many resources the graph shows waves (group nodes with counts) instead of resources. */
export const MAX_RESOURCE_NODES = 150;
/** Most resources an expanded wave draws; the rest are one "more" node. */
export const MAX_EXPANDED_MEMBERS = 150;

type GraphNode = {
  id: string;
  label: string;
  sublabel: string;
  wave?: number;
  /** Set on a wave's group node: clicking it expands or collapses the wave. */
  group?: { wave: number; expanded: boolean };
};

const useStyles = makeStyles(theme => ({
  label: { fill: theme.palette.common.white, fontSize: 12, fontWeight: 500 },
  sublabel: { fill: theme.palette.common.white, fontSize: 10 },
  graph: { width: '100%', minHeight: 280 },
}));

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

/** The dependency graph and waves of the assessment as a picture. */
export const WavesGraph = (props: { model: AssessmentModel }) => {
  const classes = useStyles();
  const theme = useTheme();
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.dark,
    theme.palette.warning.dark,
    theme.palette.info.dark,
    theme.palette.error.dark,
  ];
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const graph = useMemo(
    () => buildWaveGraph(props.model, expanded),
    [props.model, expanded],
  );
  const toggle = (wave: number) =>
    setExpanded(before => {
      const after = new Set(before);
      if (!after.delete(wave)) after.add(wave);
      return after;
    });
  if (graph.nodes.length === 0) {
    return (
      <Typography variant="body2">No waves in this assessment.</Typography>
    );
  }

  const renderNode = ({ node }: { node: GraphNode }) => {
    const width = Math.max(
      110,
      Math.max(node.label.length, node.sublabel.length) * 7 + 20,
    );
    const color =
      node.wave !== undefined
        ? palette[(node.wave - 1 + palette.length) % palette.length]
        : theme.palette.grey[600];
    const group = node.group;
    const interaction = group
      ? {
          role: 'button',
          tabIndex: 0,
          style: { cursor: 'pointer' },
          'aria-expanded': group.expanded,
          'aria-label': `${node.label}: ${
            group.expanded ? 'collapse' : `${node.sublabel}, expand`
          }`,
          onClick: () => toggle(group.wave),
          onKeyDown: (e: KeyboardEvent) => {
            if (e.key === 'Enter' || e.key === ' ') toggle(group.wave);
          },
        }
      : {};
    return (
      <g data-node={node.id} {...interaction}>
        <rect width={width} height={40} rx={6} fill={color} />
        <text
          className={classes.label}
          x={width / 2}
          y={17}
          textAnchor="middle"
        >
          {node.label}
        </text>
        <text
          className={classes.sublabel}
          x={width / 2}
          y={32}
          textAnchor="middle"
        >
          {node.sublabel}
        </text>
      </g>
    );
  };

  return (
    <>
      <Typography variant="caption" color="textSecondary">
        {graph.level === 'resource'
          ? 'Arrows point from a resource to what it depends on; colours are waves (dependencies move first).'
          : 'Waves; each moves after the waves it points to. Select a wave to show its resources.'}
      </Typography>
      <DependencyGraph<GraphNode, {}>
        className={classes.graph}
        nodes={graph.nodes}
        edges={graph.edges}
        renderNode={renderNode}
        direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
        rankMargin={60}
        nodeMargin={20}
        paddingX={10}
        paddingY={10}
        zoom="enable-on-click"
        aria-label={
          graph.level === 'resource'
            ? 'Resource dependency graph by wave'
            : 'Migration waves'
        }
      />
    </>
  );
};
