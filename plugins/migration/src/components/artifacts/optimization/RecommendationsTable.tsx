import { Chip, TableCell, TableRow, Typography } from '@material-ui/core';
import type { Optimization } from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../../shared';
import { ArtifactTable, Caption } from '../ArtifactTable';

/** Most impact first. */
const IMPACT_RANK: Record<Optimization['impact'], number> = {
  high: 0,
  medium: 1,
  low: 2,
};

function formatMetrics(metrics: Optimization['metrics']): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** What to do, about which resource, measured how. */
const RecommendationCell = (props: { recommendation: Optimization }) => {
  const r = props.recommendation;
  const metrics = formatMetrics(r.metrics);
  return (
    <TableCell>
      <Typography variant="body2">
        {r.title}
        {r.source === 'advisor' && (
          <Chip size="small" label="advisor" style={{ marginLeft: 8 }} />
        )}
      </Typography>
      <Caption>{r.recommendation}</Caption>
      {(r.resource || metrics) && (
        <Typography variant="caption" display="block">
          {[r.resource, metrics].filter(Boolean).join(' · ')}
        </Typography>
      )}
    </TableCell>
  );
};

const RecommendationRow = (props: {
  recommendation: Optimization;
  currency: string;
}) => {
  const r = props.recommendation;
  return (
    <TableRow>
      <RecommendationCell recommendation={r} />
      <TableCell>
        {humanize(r.category)}
        <Caption>{humanize(r.type)}</Caption>
      </TableCell>
      <TableCell>
        <Chip
          size="small"
          label={humanize(r.impact)}
          color={r.impact === 'high' ? 'secondary' : 'default'}
        />
      </TableCell>
      <TableCell>
        {r.estimatedMonthlySavings !== undefined
          ? formatMoney(r.estimatedMonthlySavings, r.currency ?? props.currency)
          : ''}
      </TableCell>
      <TableCell>{r.automationCapable ? 'Yes' : 'No'}</TableCell>
    </TableRow>
  );
};

/** Cost, performance and sustainability recommendations, most impact first. */
export const RecommendationsTable = (props: {
  recommendations: Optimization[];
  currency: string;
}) => {
  const sorted = [...props.recommendations].sort(
    (a, b) => IMPACT_RANK[a.impact] - IMPACT_RANK[b.impact],
  );
  return (
    <ArtifactTable
      label="Recommendations"
      columns={[
        'Recommendation',
        'Category',
        'Impact',
        'Savings / month',
        'Automatable',
      ]}
    >
      {sorted.map(r => (
        <RecommendationRow
          key={r.id}
          recommendation={r}
          currency={props.currency}
        />
      ))}
    </ArtifactTable>
  );
};
