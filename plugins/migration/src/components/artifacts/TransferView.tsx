import {
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  TransferObjectStatus,
  TransferReport,
} from '@sirsi-nexus/plugin-migration-common';
import { formatBytes, formatDateTime, humanize } from '../shared';
import { asRecord } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

function fraction(done: number | undefined, total: number | undefined): number {
  if (!total) return 0;
  return Math.min(1, Math.max(0, (done ?? 0) / total));
}

function formatEta(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** `transfer.json`: bytes moved, speed, ETA, each object's progress and verification. */
export const TransferView = (props: { doc: unknown }) => {
  const report = asRecord(props.doc) as Partial<TransferReport> | undefined;
  const status = report?.status;
  if (!report || !status) return <JsonView value={props.doc} />;
  const objects: Partial<TransferObjectStatus>[] = status.objects ?? [];
  const errors = status.errors ?? [];
  const overall = fraction(status.bytesTransferred, status.totalBytes);

  return (
    <>
      <Typography variant="body2" gutterBottom>
        {report.rehearsal ? 'Rehearsal into ' : 'Into '}
        <code>{report.destination}</code> ·{' '}
        {humanize(status.state ?? 'pending')}
        {status.completedAt &&
          ` · finished ${formatDateTime(status.completedAt)}`}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.round(overall * 100)}
        aria-label={`Transferred ${Math.round(overall * 100)}%`}
      />
      <Typography variant="body2" style={{ marginTop: 8 }}>
        {formatBytes(status.bytesTransferred ?? 0)} of{' '}
        {formatBytes(status.totalBytes ?? 0)}
        {status.speedBytesPerSecond
          ? ` · ${formatBytes(status.speedBytesPerSecond)}/s`
          : ''}
        {status.etaSeconds !== undefined && status.state === 'running'
          ? ` · ${formatEta(status.etaSeconds)} left`
          : ''}
        {status.currentResource ? ` · now ${status.currentResource}` : ''}
      </Typography>
      {objects.length > 0 && (
        <Table size="small" aria-label="Transferred objects">
          <TableHead>
            <TableRow>
              <TableCell>Object</TableCell>
              <TableCell>Progress</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Verified</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {objects.map((o, i) => (
              <TableRow key={o.id ?? i}>
                <TableCell>
                  {o.name}
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {o.source} → {o.target}
                  </Typography>
                </TableCell>
                <TableCell style={{ minWidth: 160 }}>
                  <LinearProgress
                    variant="determinate"
                    value={Math.round(
                      fraction(o.bytesTransferred, o.totalBytes) * 100,
                    )}
                    aria-label={`${o.name}: ${Math.round(
                      fraction(o.bytesTransferred, o.totalBytes) * 100,
                    )}%`}
                  />
                  <Typography variant="caption">
                    {o.chunksDone ?? 0}/{o.chunks ?? 0} chunks
                  </Typography>
                </TableCell>
                <TableCell>{o.state ? humanize(o.state) : ''}</TableCell>
                <TableCell>{o.verified ? 'Yes' : 'No'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {errors.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Errors ({errors.length})</Typography>
          {errors.slice(-20).map((e, i) => (
            <Typography key={i} variant="body2" color="error">
              {formatDateTime(e.at)} {e.resource ?? ''}
              {e.chunk !== undefined ? ` chunk ${e.chunk}` : ''}: {e.message}
              {e.retried ? ' (retried)' : ''}
            </Typography>
          ))}
        </Box>
      )}
      {(report.statements ?? []).length > 0 && (
        <Box mt={2}>
          {report.statements!.map((s, i) => (
            <Typography key={i} variant="body2">
              {s}
            </Typography>
          ))}
        </Box>
      )}
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
