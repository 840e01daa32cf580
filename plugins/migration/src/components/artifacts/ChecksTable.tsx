import {
  Box,
  Link as MuiLink,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../shared';
import { countOutcomes, type CheckOutcome, type CheckRow } from './checks';
import { ArtifactTable, Caption } from './ArtifactTable';

const ORDER: CheckOutcome[] = ['fail', 'warn', 'running', 'pending', 'pass'];

/** Opens a file of the IaC bundle at a line. */
type Locate = (file: string, line?: number) => void;

/** The coloured status label of a check outcome. */
export const OutcomeLabel = (props: { outcome: CheckOutcome }) => {
  switch (props.outcome) {
    case 'pass':
      return <StatusOK>Pass</StatusOK>;
    case 'warn':
      return <StatusWarning>Warning</StatusWarning>;
    case 'fail':
      return <StatusError>Fail</StatusError>;
    case 'running':
      return <StatusRunning>Running</StatusRunning>;
    default:
      return <StatusPending>Pending</StatusPending>;
  }
};

/** Counts of passed, warning and failed checks as one line. */
export const OutcomeSummary = (props: { checks: CheckRow[] }) => {
  const counts = countOutcomes(props.checks);
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      style={{ gap: 16, whiteSpace: 'nowrap' }}
      aria-label="Check summary"
    >
      <StatusOK>{counts.pass} passed</StatusOK>
      <StatusWarning>{countOf(counts.warn, 'warning')}</StatusWarning>
      <StatusError>{counts.fail} failed</StatusError>
    </Box>
  );
};

function formatMetrics(metrics: Record<string, unknown>): string {
  return Object.entries(metrics)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(', ');
}

/** `file:line` as a link into the bundle when it can be opened, else what was probed. */
const CheckLocation = (props: { check: CheckRow; onLocate?: Locate }) => {
  const { check, onLocate } = props;
  if (!check.file) return <code>{check.target ?? ''}</code>;
  const location = `${check.file}${
    check.line !== undefined ? `:${check.line}` : ''
  }`;
  if (!onLocate) return <code>{location}</code>;
  return (
    <MuiLink
      component="button"
      variant="body2"
      onClick={() => onLocate(check.file!, check.line)}
    >
      {location}
    </MuiLink>
  );
};

const CheckTableRow = (props: {
  check: CheckRow;
  hasCategory: boolean;
  hasLocation: boolean;
  onLocate?: Locate;
}) => {
  const { check } = props;
  const metrics = check.metrics && Object.keys(check.metrics).length > 0;
  return (
    <TableRow data-outcome={check.outcome}>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <OutcomeLabel outcome={check.outcome} />
      </TableCell>
      <TableCell>{check.title}</TableCell>
      {props.hasCategory && (
        <TableCell>{check.category ? humanize(check.category) : ''}</TableCell>
      )}
      {props.hasLocation && (
        <TableCell>
          <CheckLocation check={check} onLocate={props.onLocate} />
        </TableCell>
      )}
      <TableCell>
        {check.message}
        {metrics && <Caption>{formatMetrics(check.metrics!)}</Caption>}
      </TableCell>
      <TableCell>{check.remediation ?? ''}</TableCell>
    </TableRow>
  );
};

/**
 * Checks with their outcome, message and remediation, failures first. When `onLocate` is given,
 * file:line locations are links that call it.
 */
export const ChecksTable = (props: {
  checks: CheckRow[];
  title?: string;
  onLocate?: Locate;
}) => {
  const checks = [...props.checks].sort(
    (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome),
  );
  const hasCategory = checks.some(c => c.category);
  const hasLocation = checks.some(c => c.file || c.target);
  if (checks.length === 0) {
    return <Typography variant="body2">No checks were recorded.</Typography>;
  }
  return (
    <ArtifactTable
      label={props.title ?? 'Checks'}
      columns={[
        'Result',
        'Check',
        hasCategory && 'Category',
        hasLocation && 'Where',
        'Details',
        'Remediation',
      ]}
    >
      {checks.map((check, index) => (
        <CheckTableRow
          key={`${check.id}-${index}`}
          check={check}
          hasCategory={hasCategory}
          hasLocation={hasLocation}
          onLocate={props.onLocate}
        />
      ))}
    </ArtifactTable>
  );
};
