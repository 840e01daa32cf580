import { Typography } from '@material-ui/core';
import type { OptimizationReport } from '@sirsi-nexus/plugin-migration-common';
import { formatMoney } from '../../shared';
import { CarbonEstimate } from './CarbonEstimate';
import { RecommendationsTable } from './RecommendationsTable';

/** `optimization.json`: cost, performance and sustainability recommendations. */
export const OptimizationView = (props: { report: OptimizationReport }) => {
  const { report } = props;
  return (
    <>
      {report.totalEstimatedMonthlySavings > 0 && (
        <Typography variant="subtitle1" gutterBottom>
          Potential savings:{' '}
          {formatMoney(report.totalEstimatedMonthlySavings, report.currency)}{' '}
          per month
        </Typography>
      )}
      {report.narrative && (
        <Typography variant="body2" paragraph>
          {report.narrative}
        </Typography>
      )}
      {report.recommendations.length > 0 ? (
        <RecommendationsTable
          recommendations={report.recommendations}
          currency={report.currency}
        />
      ) : (
        <Typography variant="body2">No recommendations.</Typography>
      )}
      {report.carbon && <CarbonEstimate carbon={report.carbon} />}
      {(report.notes ?? []).map((note, i) => (
        <Typography key={i} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
    </>
  );
};
