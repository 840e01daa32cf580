import {
  LinearProgress,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatBytes } from '../../shared';
import { formatEta, fraction } from './progress';
import type { TransferRow } from './transferRows';
import { ArtifactTable, Caption } from '../ArtifactTable';

const dash = '—';

const ItemRow = (props: { row: TransferRow }) => {
  const r = props.row;
  const percent = Math.round(fraction(r.bytesTransferred, r.totalBytes) * 100);
  return (
    <TableRow>
      <TableCell>
        {r.name}
        <Caption>
          {r.kind} · {r.detail}
        </Caption>
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
        {r.note && <Caption>{r.note}</Caption>}
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
  <ArtifactTable
    label="Transferred data and servers"
    columns={['Item', 'Progress', 'Speed', 'ETA', 'Lag', 'State', 'Instances']}
  >
    {props.rows.map(r => (
      <ItemRow key={r.key} row={r} />
    ))}
  </ArtifactTable>
);
