import { useMemo, useState, type KeyboardEvent } from 'react';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import { Typography, makeStyles, useTheme } from '@material-ui/core';
import type { AssessmentModel } from './readAssessment';
import { buildWaveGraph, type GraphNode } from './waveGraph';

export {
  MAX_EXPANDED_MEMBERS,
  MAX_RESOURCE_NODES,
  buildWaveGraph,
} from './waveGraph';

const useStyles = makeStyles(theme => ({
  label: { fill: theme.palette.common.white, fontSize: 12, fontWeight: 500 },
  sublabel: { fill: theme.palette.common.white, fontSize: 10 },
  graph: { width: '100%', minHeight: 280 },
}));

/** A node of the graph; a wave's group node expands or collapses the wave when selected. */
const NodeView = (props: {
  node: GraphNode;
  color: string;
  onToggle: (wave: number) => void;
}) => {
  const { node, onToggle } = props;
  const classes = useStyles();
  const width = Math.max(
    110,
    Math.max(node.label.length, node.sublabel.length) * 7 + 20,
  );
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
        onClick: () => onToggle(group.wave),
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') onToggle(group.wave);
        },
      }
    : {};
  return (
    <g data-node={node.id} {...interaction}>
      <rect width={width} height={40} rx={6} fill={props.color} />
      <text className={classes.label} x={width / 2} y={17} textAnchor="middle">
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

  const renderNode = ({ node }: { node: GraphNode }) => (
    <NodeView
      node={node}
      color={
        node.wave !== undefined
          ? palette[(node.wave - 1 + palette.length) % palette.length]
          : theme.palette.grey[600]
      }
      onToggle={toggle}
    />
  );

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
