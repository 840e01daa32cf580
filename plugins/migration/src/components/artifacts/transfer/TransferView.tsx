import { Box, LinearProgress, Typography } from '@material-ui/core';
import type {
  ServerReplicationReport,
  TransferArtifact,
  TransferError,
} from '@sirsi-nexus/plugin-migration-common';
import { formatBytes, formatDateTime, humanize } from '../../shared';
import { fraction, formatEta } from './progress';
import { TransferItemsTable } from './TransferItemsTable';
import { transferRows } from './transferRows';

type TotalsShape = Pick<
  ServerReplicationReport['status'],
  | 'state'
  | 'bytesTransferred'
  | 'totalBytes'
  | 'speedBytesPerSecond'
  | 'etaSeconds'
  | 'currentResource'
>;

/** Bytes of the total with a bar, speed, time left and what is moving now. */
const Totals = (props: { label: string; totals: TotalsShape }) => {
  const { label, totals } = props;
  const percent = Math.round(
    fraction(totals.bytesTransferred, totals.totalBytes) * 100,
  );
  return (
    <Box mb={2}>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={`${label} ${percent}%`}
      />
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {label}: {formatBytes(totals.bytesTransferred)} of{' '}
        {formatBytes(totals.totalBytes)}
        {totals.speedBytesPerSecond
          ? ` · ${formatBytes(totals.speedBytesPerSecond)}/s`
          : ''}
        {totals.etaSeconds !== undefined && totals.state === 'running'
          ? ` · ${formatEta(totals.etaSeconds)} left`
          : ''}
        {totals.currentResource ? ` · now ${totals.currentResource}` : ''}
      </Typography>
    </Box>
  );
};

/** The last errors of a transfer, newest last. */
const TransferErrors = (props: { errors: TransferError[] }) => (
  <Box mt={2}>
    <Typography variant="subtitle2">Errors ({props.errors.length})</Typography>
    {props.errors.slice(-20).map((e, i) => (
      <Typography key={i} variant="body2" color="error">
        {formatDateTime(e.at)} {e.resource ?? ''}
        {e.chunk !== undefined ? ` chunk ${e.chunk}` : ''}: {e.message}
        {e.retried ? ' (retried)' : ''}
      </Typography>
    ))}
  </Box>
);

/** VMs that are not moved as servers, with why. */
const Skipped = (props: { skipped: ServerReplicationReport['skipped'] }) => (
  <Box mt={2}>
    <Typography variant="subtitle2">
      Not moved as servers ({props.skipped.length})
    </Typography>
    {props.skipped.map(s => (
      <Typography key={s.entityRef} variant="body2">
        {s.name}: {s.reason}
      </Typography>
    ))}
  </Box>
);

/**
 * `transfer.json`: the data moved and the servers replicated, each with bytes of the total,
 * speed, ETA, lag, state and the test or cutover instances; errors; what was done.
 */
export const TransferView = (props: { report: TransferArtifact }) => {
  const { report } = props;
  const { status, replication } = report;
  const rows = transferRows(report);
  const errors = [...status.errors, ...(replication?.status.errors ?? [])];
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {report.rehearsal ? 'Rehearsal into ' : 'Into '}
        <code>{report.destination || '—'}</code> · data {humanize(status.state)}
        {status.completedAt &&
          ` · finished ${formatDateTime(status.completedAt)}`}
        {replication?.service &&
          ` · servers through ${replication.service}: ${humanize(
            replication.status.state,
          )}`}
      </Typography>
      <Totals label="Transferred" totals={status} />
      {replication && replication.servers.length > 0 && (
        <Totals label="Replicated" totals={replication.status} />
      )}
      {rows.length > 0 && <TransferItemsTable rows={rows} />}
      {replication && replication.skipped.length > 0 && (
        <Skipped skipped={replication.skipped} />
      )}
      {errors.length > 0 && <TransferErrors errors={errors} />}
      {report.statements.length > 0 && (
        <Box mt={2}>
          {report.statements.map((s, i) => (
            <Typography key={i} variant="body2">
              {s}
            </Typography>
          ))}
        </Box>
      )}
    </>
  );
};
