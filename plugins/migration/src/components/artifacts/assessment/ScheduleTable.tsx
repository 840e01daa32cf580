import { TableCell, TableRow, Typography } from '@material-ui/core';
import type {
  AssessmentSchedule,
  AssessmentScheduleEntry,
} from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime, humanize } from '../../shared';
import { ArtifactTable, Caption } from '../ArtifactTable';

function period(start?: string, end?: string): string {
  return start ? `${formatDateTime(start)} – ${formatDateTime(end)}` : '';
}

const EntryRow = (props: { entry: AssessmentScheduleEntry }) => {
  const s = props.entry;
  return (
    <TableRow>
      <TableCell>Wave {s.wave}</TableCell>
      <TableCell>{humanize(s.status)}</TableCell>
      <TableCell>
        {period(s.replicationStart, s.replicationEnd)}
        <Caption>{`${s.transferHours.toFixed(1)} h transfer`}</Caption>
      </TableCell>
      <TableCell>
        {period(s.cutoverStart, s.cutoverEnd)}
        <Caption>{`${Math.round(s.cutoverMinutes)} min downtime`}</Caption>
      </TableCell>
      <TableCell>{s.note}</TableCell>
    </TableRow>
  );
};

/** When each wave replicates and cuts over, within the maintenance windows. */
export const ScheduleTable = (props: { schedule: AssessmentSchedule }) => (
  <>
    <ArtifactTable
      label="Schedule"
      columns={['Wave', 'Status', 'Replication', 'Cutover', 'Note']}
    >
      {props.schedule.entries.map((s, i) => (
        <EntryRow key={`${s.wave}-${i}`} entry={s} />
      ))}
    </ArtifactTable>
    {props.schedule.completesAt && (
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Last wave completes {formatDateTime(props.schedule.completesAt)}.
      </Typography>
    )}
  </>
);
