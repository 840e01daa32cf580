import { Typography } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import type {
  AssessmentSchedule,
  AssessmentScheduleEntry,
} from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime, humanize } from '../../shared';
import { PagedTable } from '../../shared/PagedTable';
import { Caption } from '../ArtifactTable';

function period(start?: string, end?: string): string {
  return start ? `${formatDateTime(start)} – ${formatDateTime(end)}` : '';
}

const columns: TableColumn<AssessmentScheduleEntry>[] = [
  {
    title: 'Wave',
    field: 'wave',
    type: 'numeric',
    align: 'left',
    render: s => `Wave ${s.wave}`,
  },
  { title: 'Status', field: 'status', render: s => humanize(s.status) },
  {
    title: 'Replication',
    field: 'replicationStart',
    render: s => (
      <>
        {period(s.replicationStart, s.replicationEnd)}
        <Caption>{`${s.transferHours.toFixed(1)} h transfer`}</Caption>
      </>
    ),
  },
  {
    title: 'Cutover',
    field: 'cutoverStart',
    render: s => (
      <>
        {period(s.cutoverStart, s.cutoverEnd)}
        <Caption>{`${Math.round(s.cutoverMinutes)} min downtime`}</Caption>
      </>
    ),
  },
  { title: 'Note', field: 'note', sorting: false },
];

/**
 * When each wave replicates and cuts over, within the maintenance windows; paged beyond one
 * page (a big migration has hundreds of waves).
 */
export const ScheduleTable = (props: { schedule: AssessmentSchedule }) => (
  <>
    <PagedTable<AssessmentScheduleEntry>
      label="Schedule"
      columns={columns}
      data={props.schedule.entries}
    />
    {props.schedule.completesAt && (
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Last wave completes {formatDateTime(props.schedule.completesAt)}.
      </Typography>
    )}
  </>
);
