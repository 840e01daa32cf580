import { Chip, makeStyles } from '@material-ui/core';
import type {
  Migration,
  MigrationStatus,
  PhaseStatus,
  TaskStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { humanize } from './format';

type Tone = 'ok' | 'error' | 'running' | 'warning' | 'neutral';

const TONES: Record<MigrationStatus | PhaseStatus | TaskStatus, Tone> = {
  draft: 'neutral',
  pending: 'neutral',
  ready: 'neutral',
  awaiting_approval: 'warning',
  running: 'running',
  paused: 'warning',
  rolling_back: 'running',
  succeeded: 'ok',
  completed: 'ok',
  failed: 'error',
  cancelled: 'neutral',
  skipped: 'neutral',
  rolled_back: 'neutral',
};

const useStyles = makeStyles(theme => ({
  ok: {
    color: theme.palette.success.contrastText,
    backgroundColor: theme.palette.success.main,
  },
  error: {
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
  },
  running: {
    color: theme.palette.info.contrastText,
    backgroundColor: theme.palette.info.main,
  },
  warning: {
    color: theme.palette.warning.contrastText,
    backgroundColor: theme.palette.warning.main,
  },
  neutral: {},
}));

/** The tone a status is shown in; also used by progress bars and the stepper. */
export function statusTone(status: string): Tone {
  return TONES[status as MigrationStatus] ?? 'neutral';
}

/** A coloured chip naming the status of a migration, phase or task. */
export const StatusChip = (props: {
  status: MigrationStatus | PhaseStatus | TaskStatus;
  /** Text instead of the humanised status. */
  label?: string;
}) => {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.label ?? humanize(props.status)}
      className={classes[statusTone(props.status)]}
      data-status={props.status}
    />
  );
};

/**
 * What a migration's status chip says: "Pausing…" while it is paused but its running tasks have
 * not stopped yet, else its humanised status.
 */
export function migrationStatusLabel(
  migration: Pick<Migration, 'status' | 'pausing'>,
): string {
  return migration.status === 'paused' && migration.pausing
    ? 'Pausing…'
    : humanize(migration.status);
}

/** The status chip of a migration, saying "Pausing…" until its running tasks have stopped. */
export const MigrationStatusChip = (props: {
  migration: Pick<Migration, 'status' | 'pausing'>;
}) => (
  <StatusChip
    status={props.migration.status}
    label={migrationStatusLabel(props.migration)}
  />
);
