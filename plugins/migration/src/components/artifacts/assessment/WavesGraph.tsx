import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { Typography, makeStyles, useTheme } from '@material-ui/core';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import type { AssessmentModel } from './readAssessment';

/** Above this many resources the graph shows waves instead of single resources. */
export const MAX_RESOURCE_NODES = 150;

type GraphNode = { id: string; label: string; sublabel: string; wave?: number };

const useStyles = makeStyles(theme => ({
  label: { fill: theme.palette.common.white, fontSize: 12, fontWeight: 500 },
  sublabel: { fill: theme.palette.common.white, fontSize: 10 },
  graph: { width: '100%', minHeight: 280 },
}));

/**
 * Resource dependencies coloured by wave, or — for large estates or when the assessment has no
 * resource-level dependencies — the waves themselves in order, with how many resources each moves.
 */
export function buildWaveGraph(model: AssessmentModel): {
  nodes: GraphNode[];
  edges: DependencyGraphTypes.DependencyEdge[];
  level: 'resource' | 'wave';
} {
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
  const numbers = new Set(model.waves.map(w => w.number));
  return {
    level: 'wave',
    nodes: model.waves.map(w => ({
      id: `wave-${w.number}`,
      label: `Wave ${w.number}`,
      sublabel: countOf(w.members.length, 'resource'),
      wave: w.number,
    })),
    edges: model.waves.flatMap(w =>
      w.dependsOnWaves
        .filter(d => numbers.has(d))
        .map(d => ({ from: `wave-${w.number}`, to: `wave-${d}` })),
    ),
  };
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
  const graph = buildWaveGraph(props.model);
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
    return (
      <g data-node={node.id}>
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
          : 'Waves; each moves after the waves it points to.'}
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
