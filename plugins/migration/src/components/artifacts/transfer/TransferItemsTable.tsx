import { LinearProgress, Typography } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import { formatBytes } from '../../shared';
import { formatEta, fraction } from './progress';
import type { TransferRow } from './transferRows';
import { Caption } from '../ArtifactTable';
import { PagedTable } from '../../shared/PagedTable';

const dash = '—';

const columns: TableColumn<TransferRow>[] = [
  {
    title: 'Item',
    field: 'name',
    render: r => (
      <>
        {r.name}
        <Caption>
          {r.kind} · {r.detail}
        </Caption>
      </>
    ),
  },
  {
    title: 'Progress',
    field: 'bytesTransferred',
    searchable: false,
    cellStyle: { minWidth: 160 },
    customSort: (a, b) =>
      fraction(a.bytesTransferred, a.totalBytes) -
      fraction(b.bytesTransferred, b.totalBytes),
    render: r => {
      const percent = Math.round(
        fraction(r.bytesTransferred, r.totalBytes) * 100,
      );
      return (
        <>
          <LinearProgress
            variant="determinate"
            value={percent}
            aria-label={`${r.name}: ${percent}%`}
          />
          <Typography variant="caption">
            {formatBytes(r.bytesTransferred)} / {formatBytes(r.totalBytes)}
            {r.unit ? ` · ${r.unit}` : ''}
          </Typography>
        </>
      );
    },
  },
  {
    title: 'Speed',
    field: 'speedBytesPerSecond',
    searchable: false,
    render: r =>
      r.speedBytesPerSecond ? `${formatBytes(r.speedBytesPerSecond)}/s` : dash,
  },
  {
    title: 'ETA',
    field: 'etaSeconds',
    searchable: false,
    render: r =>
      r.etaSeconds !== undefined && r.bytesTransferred < r.totalBytes
        ? formatEta(r.etaSeconds)
        : dash,
  },
  {
    title: 'Lag',
    field: 'lagSeconds',
    searchable: false,
    render: r => (r.lagSeconds !== undefined ? formatEta(r.lagSeconds) : dash),
  },
  {
    title: 'State',
    field: 'state',
    render: r => (
      <>
        <Typography variant="body2" color={r.problem ? 'error' : 'textPrimary'}>
          {r.state}
        </Typography>
        {r.note && <Caption>{r.note}</Caption>}
      </>
    ),
  },
  {
    title: 'Instances',
    sorting: false,
    customFilterAndSearch: (term: string, r) =>
      r.instances.some(i => i.includes(term)),
    render: r =>
      r.instances.length
        ? r.instances.map(i => (
            <Typography key={i} variant="body2">
              {i}
            </Typography>
          ))
        : dash,
  },
];

/**
 * Data objects and servers of a transfer in one table: bytes of the total with a progress bar,
 * speed, time left, replication lag, state, and the test and cutover instances' addresses. Paged,
 * sortable and searchable: a large migration moves thousands of them.
 */
export const TransferItemsTable = (props: { rows: TransferRow[] }) => (
  <PagedTable<TransferRow>
    label="Transferred data and servers"
    columns={columns}
    data={props.rows}
    filters={[{ column: 'State', type: 'multiple-select' }]}
  />
);
