import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { StructuredMetadataTable } from '@backstage/core-components';
import { formatMoney, humanize } from '../shared';
import {
  asArray,
  asRecord,
  pickArray,
  pickNumber,
  pickRecord,
  pickString,
} from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

interface Recommendation {
  title: string;
  category?: string;
  impact?: string;
  detail?: string;
  monthlySavings?: number;
  automationCapable?: boolean;
  resource?: string;
  metrics?: Record<string, unknown>;
}

function automatableLabel(value: boolean | undefined): string {
  if (value === undefined) return '';
  return value ? 'Yes' : 'No';
}

const IMPACT_ORDER = ['high', 'medium', 'low'];

function readRecommendations(doc: unknown): Recommendation[] {
  const list = Array.isArray(doc)
    ? doc
    : pickArray(asRecord(doc), 'recommendations', 'optimizations', 'items') ??
      [];
  return asArray(list).map((item, index) => {
    const r = asRecord(item) ?? {};
    return {
      title:
        pickString(r, 'title', 'name', 'recommendation', 'id') ??
        `Recommendation ${index + 1}`,
      category: pickString(r, 'category', 'type'),
      impact: pickString(r, 'impact', 'priority', 'severity'),
      detail: pickString(
        r,
        'recommendation',
        'description',
        'detail',
        'message',
      ),
      monthlySavings: pickNumber(
        r,
        'estimatedMonthlySavings',
        'monthlySavings',
        'savingsMonthly',
        'savings',
      ),
      automationCapable:
        typeof r.automationCapable === 'boolean'
          ? r.automationCapable
          : undefined,
      resource: pickString(r, 'resource', 'resourceId', 'entityRef', 'target'),
      metrics: pickRecord(r, 'metrics'),
    };
  });
}

/** `optimization.json`: cost, performance and sustainability recommendations. */
export const OptimizationView = (props: { doc: unknown }) => {
  const recommendations = readRecommendations(props.doc).sort(
    (a, b) =>
      IMPACT_ORDER.indexOf(a.impact?.toLowerCase() ?? '') -
      IMPACT_ORDER.indexOf(b.impact?.toLowerCase() ?? ''),
  );
  if (recommendations.length === 0) return <JsonView value={props.doc} />;
  const carbon = pickRecord(asRecord(props.doc), 'carbon', 'carbonEstimate');
  const totalSavings = recommendations.reduce(
    (sum, r) => sum + (r.monthlySavings ?? 0),
    0,
  );
  const detailShown = recommendations.some(
    r => r.detail && r.detail !== r.title,
  );

  return (
    <>
      {totalSavings > 0 && (
        <Typography variant="subtitle1" gutterBottom>
          Potential savings: {formatMoney(totalSavings)} per month
        </Typography>
      )}
      <Table size="small" aria-label="Recommendations">
        <TableHead>
          <TableRow>
            <TableCell>Recommendation</TableCell>
            <TableCell>Category</TableCell>
            <TableCell>Impact</TableCell>
            <TableCell>Savings / month</TableCell>
            <TableCell>Automatable</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {recommendations.map((r, i) => (
            <TableRow key={`${r.title}-${i}`}>
              <TableCell>
                <Typography variant="body2">{r.title}</Typography>
                {detailShown && r.detail && r.detail !== r.title && (
                  <Typography variant="caption" color="textSecondary">
                    {r.detail}
                  </Typography>
                )}
                {r.resource && (
                  <Typography variant="caption" display="block">
                    {r.resource}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{r.category ? humanize(r.category) : ''}</TableCell>
              <TableCell>
                {r.impact && (
                  <Chip
                    size="small"
                    label={humanize(r.impact)}
                    color={
                      r.impact.toLowerCase() === 'high'
                        ? 'secondary'
                        : 'default'
                    }
                  />
                )}
              </TableCell>
              <TableCell>
                {r.monthlySavings !== undefined
                  ? formatMoney(r.monthlySavings)
                  : ''}
              </TableCell>
              <TableCell>{automatableLabel(r.automationCapable)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {carbon && (
        <Box mt={2}>
          <Typography variant="subtitle2" gutterBottom>
            Carbon estimate
          </Typography>
          <StructuredMetadataTable metadata={carbon} dense />
        </Box>
      )}
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
