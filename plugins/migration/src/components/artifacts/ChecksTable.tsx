import { useMemo } from 'react';
import { Box, Link as MuiLink, Typography } from '@material-ui/core';
import {
  type TableColumn,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { countOf } from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../shared';
import { countOutcomes, type CheckOutcome, type CheckRow } from './checks';
import { Caption } from './ArtifactTable';
import { PagedTable } from '../shared/PagedTable';

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

function checkColumns(options: {
  hasCategory: boolean;
  hasLocation: boolean;
  onLocate?: Locate;
}): TableColumn<CheckRow>[] {
  const columns: TableColumn<CheckRow>[] = [
    {
      title: 'Result',
      field: 'outcome',
      cellStyle: { whiteSpace: 'nowrap' },
      customSort: (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome),
      render: check => <OutcomeLabel outcome={check.outcome} />,
    },
    { title: 'Check', field: 'title' },
  ];
  if (options.hasCategory) {
    columns.push({
      title: 'Category',
      field: 'category',
      render: check => (check.category ? humanize(check.category) : ''),
    });
  }
  if (options.hasLocation) {
    columns.push({
      title: 'Where',
      field: 'file',
      render: check => (
        <CheckLocation check={check} onLocate={options.onLocate} />
      ),
    });
  }
  columns.push(
    {
      title: 'Details',
      field: 'message',
      sorting: false,
      render: check => (
        <>
          {check.message}
          {check.metrics && Object.keys(check.metrics).length > 0 && (
            <Caption>{formatMetrics(check.metrics)}</Caption>
          )}
        </>
      ),
    },
    { title: 'Remediation', field: 'remediation', sorting: false },
  );
  return columns;
}

/**
 * Checks with their outcome, message and remediation, failures first; paged, sortable and
 * searchable (a large migration has thousands). When `onLocate` is given, file:line locations are
 * links that call it.
 */
export const ChecksTable = (props: {
  checks: CheckRow[];
  title?: string;
  onLocate?: Locate;
}) => {
  const { onLocate } = props;
  const checks = useMemo(
    () =>
      [...props.checks].sort(
        (a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome),
      ),
    [props.checks],
  );
  const hasCategory = checks.some(c => c.category);
  const hasLocation = checks.some(c => c.file || c.target);
  const columns = useMemo(
    () => checkColumns({ hasCategory, hasLocation, onLocate }),
    [hasCategory, hasLocation, onLocate],
  );
  if (checks.length === 0) {
    return <Typography variant="body2">No checks were recorded.</Typography>;
  }
  return (
    <PagedTable<CheckRow>
      label={props.title ?? 'Checks'}
      columns={columns}
      data={checks}
      filters={[{ column: 'Result', type: 'multiple-select' }]}
    />
  );
};
