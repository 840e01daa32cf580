import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  AssessmentSchedule,
  AssessmentScheduleEntry,
} from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime, humanize } from '../../shared';

function period(start?: string, end?: string): string {
  return start ? `${formatDateTime(start)} – ${formatDateTime(end)}` : '';
}

const Caption = (props: { children: string }) => (
  <Typography variant="caption" color="textSecondary" display="block">
    {props.children}
  </Typography>
);

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
    <Table size="small" aria-label="Schedule">
      <TableHead>
        <TableRow>
          <TableCell>Wave</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Replication</TableCell>
          <TableCell>Cutover</TableCell>
          <TableCell>Note</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.schedule.entries.map((s, i) => (
          <EntryRow key={`${s.wave}-${i}`} entry={s} />
        ))}
      </TableBody>
    </Table>
    {props.schedule.completesAt && (
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Last wave completes {formatDateTime(props.schedule.completesAt)}.
      </Typography>
    )}
  </>
);
