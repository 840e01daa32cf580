import type { ReactNode } from 'react';
import { Box, Chip, TableCell, TableRow } from '@material-ui/core';
import type {
  AssessmentResource,
  ReceivedAlert,
} from '@sirsi-nexus/plugin-migration-common';
import { FiringAlerts } from '../../shared/FiringAlerts';
import { formatMoney, humanize } from '../../shared';
import type { AssessmentModel } from './readAssessment';
import { ArtifactTable, Caption } from '../ArtifactTable';

/** A cell's value with a line of detail below it. */
const Cell = (props: { children: ReactNode; detail?: ReactNode }) => (
  <TableCell>
    {props.children}
    {props.detail && <Caption>{props.detail}</Caption>}
  </TableCell>
);

const ResourceRow = (props: {
  resource: AssessmentResource;
  currency: string;
  alerts?: ReceivedAlert[];
}) => {
  const { resource: r, currency } = props;
  const { sizing, strategy, cost } = r;
  return (
    <TableRow>
      <Cell detail={r.kind}>
        {r.name}
        <FiringAlerts alerts={props.alerts} />
      </Cell>
      <TableCell>{r.wave}</TableCell>
      <Cell detail={strategy.targetService}>{humanize(strategy.strategy)}</Cell>
      <Cell detail={`rule ${strategy.rule}`}>{strategy.reason}</Cell>
      <Cell
        detail={
          sizing && `${sizing.confidence} confidence, from ${sizing.basis}`
        }
      >
        {sizing?.instanceType ?? ''}
      </Cell>
      <TableCell>{r.risk.score}</TableCell>
      <Cell detail={cost?.included === false && 'not in the totals'}>
        {cost ? formatMoney(cost.total.onDemand, currency) : ''}
      </Cell>
    </TableRow>
  );
};

/** How many resources take each of the 7 Rs. */
const StrategyCounts = (props: { byStrategy: Record<string, number> }) => (
  <Box
    display="flex"
    flexWrap="wrap"
    mb={2}
    style={{ gap: 8 }}
    aria-label="Strategies"
  >
    {Object.entries(props.byStrategy).map(([strategy, n]) => (
      <Chip key={strategy} label={`${humanize(strategy)}: ${n}`} />
    ))}
  </Box>
);

/**
 * Each resource's strategy (7R) and why, its target size, risk and monthly cost, and the alerts
 * firing for it (by resource id).
 */
export const StrategiesTable = (props: {
  model: AssessmentModel;
  alerts?: Map<string, ReceivedAlert[]>;
}) => {
  const { assessment, currency } = props.model;
  return (
    <>
      <StrategyCounts byStrategy={assessment.summary.byStrategy} />
      <ArtifactTable
        label="Resources and strategies"
        columns={[
          'Resource',
          'Wave',
          'Strategy (7R)',
          'Why',
          'Target size',
          'Risk',
          'Monthly cost',
        ]}
      >
        {assessment.resources.map(r => (
          <ResourceRow
            key={r.id}
            resource={r}
            currency={currency}
            alerts={props.alerts?.get(r.id.toLowerCase())}
          />
        ))}
      </ArtifactTable>
    </>
  );
};
