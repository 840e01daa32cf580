import {
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatBytes } from '../../shared';
import { formatEta, fraction } from './progress';
import type { TransferRow } from './transferRows';

const dash = '—';

const ItemRow = (props: { row: TransferRow }) => {
  const r = props.row;
  const percent = Math.round(fraction(r.bytesTransferred, r.totalBytes) * 100);
  return (
    <TableRow>
      <TableCell>
        {r.name}
        <Typography variant="caption" color="textSecondary" display="block">
          {r.kind} · {r.detail}
        </Typography>
      </TableCell>
      <TableCell style={{ minWidth: 160 }}>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={`${r.name}: ${percent}%`}
        />
        <Typography variant="caption">
          {formatBytes(r.bytesTransferred)} / {formatBytes(r.totalBytes)}
          {r.unit ? ` · ${r.unit}` : ''}
        </Typography>
      </TableCell>
      <TableCell>
        {r.speedBytesPerSecond
          ? `${formatBytes(r.speedBytesPerSecond)}/s`
          : dash}
      </TableCell>
      <TableCell>
        {r.etaSeconds !== undefined && r.bytesTransferred < r.totalBytes
          ? formatEta(r.etaSeconds)
          : dash}
      </TableCell>
      <TableCell>
        {r.lagSeconds !== undefined ? formatEta(r.lagSeconds) : dash}
      </TableCell>
      <TableCell>
        <Typography variant="body2" color={r.problem ? 'error' : 'textPrimary'}>
          {r.state}
        </Typography>
        {r.note && (
          <Typography variant="caption" color="textSecondary" display="block">
            {r.note}
          </Typography>
        )}
      </TableCell>
      <TableCell>
        {r.instances.length
          ? r.instances.map(i => (
              <Typography key={i} variant="body2">
                {i}
              </Typography>
            ))
          : dash}
      </TableCell>
    </TableRow>
  );
};

/**
 * Data objects and servers of a transfer in one table: bytes of the total with a progress bar,
 * speed, time left, replication lag, state, and the test and cutover instances' addresses.
 */
export const TransferItemsTable = (props: { rows: TransferRow[] }) => (
  <Table size="small" aria-label="Transferred data and servers">
    <TableHead>
      <TableRow>
        <TableCell>Item</TableCell>
        <TableCell>Progress</TableCell>
        <TableCell>Speed</TableCell>
        <TableCell>ETA</TableCell>
        <TableCell>Lag</TableCell>
        <TableCell>State</TableCell>
        <TableCell>Instances</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.rows.map(r => (
        <ItemRow key={r.key} row={r} />
      ))}
    </TableBody>
  </Table>
);
