import {
  Box,
  Link as MuiLink,
  Table as MuiTable,
  TableBody,
  TableCell,
  TableHead,
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
import type { CheckOutcome, NormalizedCheck } from './normalize';

const ORDER: CheckOutcome[] = ['fail', 'warn', 'running', 'pending', 'pass'];

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

/** `3 pass · 1 warning · 0 fail` style counts. */
export function countOutcomes(checks: NormalizedCheck[]) {
  return {
    pass: checks.filter(c => c.outcome === 'pass').length,
    warn: checks.filter(c => c.outcome === 'warn').length,
    fail: checks.filter(c => c.outcome === 'fail').length,
  };
}

/** Counts of passed, warning and failed checks as one line. */
export const OutcomeSummary = (props: { checks: NormalizedCheck[] }) => {
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

/**
 * Checks with their outcome, message and remediation, failures first. When `onLocate` is given,
 * file:line locations are links that call it.
 */
export const ChecksTable = (props: {
  checks: NormalizedCheck[];
  title?: string;
  onLocate?: (file: string, line?: number) => void;
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
    <MuiTable size="small" aria-label={props.title ?? 'Checks'}>
      <TableHead>
        <TableRow>
          <TableCell>Result</TableCell>
          <TableCell>Check</TableCell>
          {hasCategory && <TableCell>Category</TableCell>}
          {hasLocation && <TableCell>Where</TableCell>}
          <TableCell>Details</TableCell>
          <TableCell>Remediation</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {checks.map((check, index) => {
          const location = check.file
            ? `${check.file}${check.line !== undefined ? `:${check.line}` : ''}`
            : check.target ?? '';
          return (
            <TableRow key={`${check.id}-${index}`} data-outcome={check.outcome}>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                <OutcomeLabel outcome={check.outcome} />
              </TableCell>
              <TableCell>{check.title}</TableCell>
              {hasCategory && (
                <TableCell>
                  {check.category ? humanize(check.category) : ''}
                </TableCell>
              )}
              {hasLocation && (
                <TableCell>
                  {check.file && props.onLocate ? (
                    <MuiLink
                      component="button"
                      variant="body2"
                      onClick={() => props.onLocate!(check.file!, check.line)}
                    >
                      {location}
                    </MuiLink>
                  ) : (
                    <code>{location}</code>
                  )}
                </TableCell>
              )}
              <TableCell>
                {check.message}
                {check.metrics && (
                  <Typography
                    variant="caption"
                    display="block"
                    color="textSecondary"
                  >
                    {formatMetrics(check.metrics)}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{check.remediation ?? ''}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </MuiTable>
  );
};
