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
import type {
  Optimization,
  OptimizationReport,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../shared';
import { asRecord } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

const IMPACT_ORDER = ['high', 'medium', 'low'];

function automatableLabel(value: boolean | undefined): string {
  if (value === undefined) return '';
  return value ? 'Yes' : 'No';
}

function formatMetrics(metrics: Record<string, unknown> | undefined): string {
  if (!metrics) return '';
  return Object.entries(metrics)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

const Carbon = (props: {
  carbon: NonNullable<OptimizationReport['carbon']>;
}) => {
  const { carbon } = props;
  const c = carbon.coefficients;
  return (
    <Box mt={2}>
      <Typography variant="subtitle2" gutterBottom>
        Carbon estimate
      </Typography>
      <Typography variant="body2">
        {carbon.kgCo2ePerMonth?.toFixed(1)} kg CO₂e and{' '}
        {carbon.kwhPerMonth?.toFixed(0)} kWh per month
        {c ? ` in ${c.provider} ${c.region} (PUE ${c.pue})` : ''}.
      </Typography>
      {carbon.formula && (
        <Typography variant="caption" color="textSecondary" display="block">
          {carbon.formula}
        </Typography>
      )}
      {c?.sources?.length ? (
        <Typography variant="caption" color="textSecondary" display="block">
          Sources: {c.sources.join('; ')}
        </Typography>
      ) : null}
    </Box>
  );
};

/** `optimization.json`: cost, performance and sustainability recommendations. */
export const OptimizationView = (props: { doc: unknown }) => {
  const report = asRecord(props.doc) as Partial<OptimizationReport> | undefined;
  const recommendations: Partial<Optimization>[] = Array.isArray(
    report?.recommendations,
  )
    ? [...report!.recommendations]
    : [];
  if (!report || (recommendations.length === 0 && !report.carbon)) {
    return <JsonView value={props.doc} />;
  }
  recommendations.sort(
    (a, b) =>
      IMPACT_ORDER.indexOf(a.impact ?? '') -
      IMPACT_ORDER.indexOf(b.impact ?? ''),
  );
  const currency = report.currency ?? 'USD';

  return (
    <>
      {report.totalEstimatedMonthlySavings !== undefined &&
        report.totalEstimatedMonthlySavings > 0 && (
          <Typography variant="subtitle1" gutterBottom>
            Potential savings:{' '}
            {formatMoney(report.totalEstimatedMonthlySavings, currency)} per
            month
          </Typography>
        )}
      {report.narrative && (
        <Typography variant="body2" paragraph>
          {report.narrative}
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
            <TableRow key={r.id ?? i}>
              <TableCell>
                <Typography variant="body2">
                  {r.title ?? r.recommendation}
                  {r.source === 'advisor' && (
                    <Chip
                      size="small"
                      label="advisor"
                      style={{ marginLeft: 8 }}
                    />
                  )}
                </Typography>
                {r.title && r.recommendation && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {r.recommendation}
                  </Typography>
                )}
                {(r.resource || r.metrics) && (
                  <Typography variant="caption" display="block">
                    {[r.resource, formatMetrics(r.metrics)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {r.category ? humanize(r.category) : ''}
                {r.type && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {humanize(r.type)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {r.impact && (
                  <Chip
                    size="small"
                    label={humanize(r.impact)}
                    color={r.impact === 'high' ? 'secondary' : 'default'}
                  />
                )}
              </TableCell>
              <TableCell>
                {r.estimatedMonthlySavings !== undefined
                  ? formatMoney(
                      r.estimatedMonthlySavings,
                      r.currency ?? currency,
                    )
                  : ''}
              </TableCell>
              <TableCell>{automatableLabel(r.automationCapable)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {report.carbon && <Carbon carbon={report.carbon} />}
      {(report.notes ?? []).map((note, i) => (
        <Typography key={i} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
