import { Box, LinearProgress, Typography } from '@material-ui/core';
import type {
  TransferError,
  TransferReport,
} from '@sirsi-nexus/plugin-migration-common';
import { formatBytes, formatDateTime, humanize } from '../../shared';
import { fraction, formatEta } from './progress';
import { TransferObjectsTable } from './TransferObjectsTable';

/** Bytes moved of the total, speed, time left and what is moving now. */
const TransferProgress = (props: { report: TransferReport }) => {
  const { report } = props;
  const { status } = report;
  const percent = Math.round(
    fraction(status.bytesTransferred, status.totalBytes) * 100,
  );
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {report.rehearsal ? 'Rehearsal into ' : 'Into '}
        <code>{report.destination}</code> · {humanize(status.state)}
        {status.completedAt &&
          ` · finished ${formatDateTime(status.completedAt)}`}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={`Transferred ${percent}%`}
      />
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {formatBytes(status.bytesTransferred)} of{' '}
        {formatBytes(status.totalBytes)}
        {status.speedBytesPerSecond
          ? ` · ${formatBytes(status.speedBytesPerSecond)}/s`
          : ''}
        {status.etaSeconds !== undefined && status.state === 'running'
          ? ` · ${formatEta(status.etaSeconds)} left`
          : ''}
        {status.currentResource ? ` · now ${status.currentResource}` : ''}
      </Typography>
    </>
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

/** `transfer.json`: bytes moved, speed, ETA, each object's progress and verification. */
export const TransferView = (props: { report: TransferReport }) => {
  const { report } = props;
  const { objects, errors } = report.status;
  return (
    <>
      <TransferProgress report={report} />
      {objects.length > 0 && <TransferObjectsTable objects={objects} />}
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
