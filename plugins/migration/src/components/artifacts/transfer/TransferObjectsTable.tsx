import {
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { TransferObjectStatus } from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../../shared';
import { fraction } from './progress';

const ObjectRow = (props: { object: TransferObjectStatus }) => {
  const o = props.object;
  const percent = Math.round(fraction(o.bytesTransferred, o.totalBytes) * 100);
  return (
    <TableRow>
      <TableCell>
        {o.name}
        <Typography variant="caption" color="textSecondary" display="block">
          {o.source} → {o.target}
        </Typography>
      </TableCell>
      <TableCell style={{ minWidth: 160 }}>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-label={`${o.name}: ${percent}%`}
        />
        <Typography variant="caption">
          {o.chunksDone}/{o.chunks} chunks
        </Typography>
      </TableCell>
      <TableCell>{humanize(o.state)}</TableCell>
      <TableCell>{o.verified ? 'Yes' : 'No'}</TableCell>
    </TableRow>
  );
};

/** Each object of a transfer: where from and to, progress in chunks, state, verification. */
export const TransferObjectsTable = (props: {
  objects: TransferObjectStatus[];
}) => (
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
      {props.objects.map(o => (
        <ObjectRow key={o.id} object={o} />
      ))}
    </TableBody>
  </Table>
);
