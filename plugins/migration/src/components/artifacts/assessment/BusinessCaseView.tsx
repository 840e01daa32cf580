import { Box, TableCell, TableRow, Typography } from '@material-ui/core';
import { WarningPanel } from '@backstage/core-components';
import type { BusinessCase } from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../../shared';
import { ArtifactTable, Caption } from '../ArtifactTable';
import { CumulativeCostChart } from './CumulativeCostChart';

const COMMITMENTS: Record<BusinessCase['commitment'], string> = {
  onDemand: 'on-demand prices',
  commit1y: '1-year commitment prices',
  commit3y: '3-year commitment prices',
};

function headline(bc: BusinessCase): string {
  const money = (n: number) => formatMoney(n, bc.currency);
  const five = bc.horizons.find(h => h.years === 5)!;
  const breakEven = bc.breakEven
    ? `breaks even in month ${bc.breakEven.month} (year ${bc.breakEven.year})`
    : 'does not break even within five years';
  return `On-prem ${money(bc.monthly.onPrem)} against cloud ${money(
    bc.monthly.cloud,
  )} per month at ${COMMITMENTS[bc.commitment]}, one-off ${money(
    bc.oneOff.total,
  )}: the move ${breakEven}; five-year savings ${money(five.savings)}.`;
}

/** The cash flow year by year, with the totals over one, three and five years. */
const YearsTable = (props: { businessCase: BusinessCase }) => {
  const bc = props.businessCase;
  const money = (n: number) => formatMoney(n, bc.currency, { exact: true });
  return (
    <ArtifactTable
      label="Business case per year"
      columns={[
        'Year',
        'On-prem',
        'Cloud',
        'One-off',
        'Net cash flow',
        'Cumulative on-prem',
        'Cumulative cloud',
        'Cumulative savings',
      ]}
    >
      {bc.years.map(y => (
        <TableRow key={y.year}>
          <TableCell>
            Year {y.year}
            {bc.breakEven?.year === y.year && <Caption>break-even</Caption>}
          </TableCell>
          <TableCell>{money(y.onPrem)}</TableCell>
          <TableCell>{money(y.cloud)}</TableCell>
          <TableCell>{money(y.oneOff)}</TableCell>
          <TableCell>{money(y.netCashFlow)}</TableCell>
          <TableCell>{money(y.cumulativeOnPrem)}</TableCell>
          <TableCell>{money(y.cumulativeCloud)}</TableCell>
          <TableCell>{money(y.cumulativeSavings)}</TableCell>
        </TableRow>
      ))}
    </ArtifactTable>
  );
};

/** Servers that could be retired instead of moved, with what retiring them saves. */
const RetireCandidatesTable = (props: { businessCase: BusinessCase }) => {
  const bc = props.businessCase;
  const money = (n: number) => formatMoney(n, bc.currency, { exact: true });
  return (
    <>
      <Typography variant="h6" component="h3">
        Retire candidates: {money(bc.retireSavingMonthly)} per month
      </Typography>
      <ArtifactTable
        label="Retire candidates"
        columns={['Server', 'Why', 'Planned', 'Saving per month', 'Cloud cost']}
      >
        {bc.retireCandidates.map(c => (
          <TableRow key={c.id}>
            <TableCell>{c.name}</TableCell>
            <TableCell>
              {humanize(c.reason)}
              <Caption>{c.detail}</Caption>
            </TableCell>
            <TableCell>{humanize(c.plannedStrategy)}</TableCell>
            <TableCell>{money(c.monthlySaving)}</TableCell>
            <TableCell>{money(c.cloudMonthly)}</TableCell>
          </TableRow>
        ))}
      </ArtifactTable>
    </>
  );
};

/**
 * `business-case.json` for people: cumulative cost on-prem against cloud with the break-even
 * marked, the cash flow year by year, the retire candidates and the assumptions.
 */
export const BusinessCaseView = (props: { businessCase: BusinessCase }) => {
  const bc = props.businessCase;
  return (
    <>
      {bc.status !== 'complete' && (
        <Box mb={2}>
          <WarningPanel
            severity="info"
            title="The business case has no on-prem side"
            message={bc.reason}
          />
        </Box>
      )}
      {bc.status === 'complete' && (
        <Typography variant="body1" paragraph>
          {headline(bc)}
        </Typography>
      )}
      <CumulativeCostChart businessCase={bc} />
      <Box mt={2}>
        <YearsTable businessCase={bc} />
      </Box>
      {bc.retireCandidates.length > 0 && (
        <Box mt={3}>
          <RetireCandidatesTable businessCase={bc} />
        </Box>
      )}
      <Box mt={2}>
        {bc.assumptions.map(a => (
          <Caption key={a}>{a}</Caption>
        ))}
      </Box>
    </>
  );
};
