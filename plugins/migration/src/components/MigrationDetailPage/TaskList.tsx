import { useState } from 'react';
import {
  Box,
  Button,
  LinearProgress,
  List,
  ListItem,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import type { MigrationTask } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../../api';
import {
  StatusChip,
  errorMessage,
  formatDateTime,
  formatPercent,
} from '../shared';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'block',
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  title: { flex: 1, minWidth: 200 },
  progress: { marginTop: theme.spacing(1), height: 6, borderRadius: 3 },
  error: {
    color: theme.palette.error.main,
    whiteSpace: 'pre-wrap',
    marginTop: theme.spacing(0.5),
  },
}));

/** One task: status, progress bar, latest message, attempts and, when failed, a retry. */
const TaskItem = (props: {
  task: MigrationTask;
  canRetry: boolean;
  onRetried: () => void;
}) => {
  const { task, canRetry, onRetried } = props;
  const classes = useStyles();
  const api = useApi(migrationApiRef);
  const alertApi = useApi(alertApiRef);
  const [retrying, setRetrying] = useState(false);
  const titleId = `task-${task.id}-title`;

  const retry = async () => {
    setRetrying(true);
    try {
      await api.retryTask(task.migrationId, task.id);
      onRetried();
    } catch (e) {
      alertApi.post({
        message: `Could not retry “${task.title}”: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setRetrying(false);
    }
  };

  return (
    <ListItem className={classes.item} aria-labelledby={titleId}>
      <div className={classes.header}>
        <div className={classes.title}>
          <Typography variant="subtitle2" id={titleId}>
            {task.mode === 'compensate' ? `Undo: ${task.title}` : task.title}
          </Typography>
          <Typography variant="caption" color="textSecondary">
            {task.taskType}
            {task.attempts > 0 &&
              ` · attempt ${task.attempts} of ${task.maxAttempts}`}
            {task.nextAttemptAt &&
              task.status === 'ready' &&
              ` · next attempt ${formatDateTime(task.nextAttemptAt)}`}
          </Typography>
        </div>
        <StatusChip status={task.status} />
        {canRetry && task.status === 'failed' && (
          <Button
            size="small"
            variant="outlined"
            onClick={retry}
            disabled={retrying}
            aria-label={`Retry ${task.title}`}
          >
            Retry
          </Button>
        )}
      </div>
      <LinearProgress
        className={classes.progress}
        variant="determinate"
        value={Math.round(
          (task.status === 'succeeded' ? 1 : task.progress) * 100,
        )}
        color={task.status === 'failed' ? 'secondary' : 'primary'}
        aria-label={`${task.title}: ${formatPercent(
          task.status === 'succeeded' ? 1 : task.progress,
        )}`}
      />
      {task.message && (
        <Box mt={0.5}>
          <Typography variant="body2">{task.message}</Typography>
        </Box>
      )}
      {task.error && (
        <Typography variant="body2" className={classes.error}>
          {task.error}
        </Typography>
      )}
    </ListItem>
  );
};

/** The tasks of a phase, in the order the engine planned them. */
export const TaskList = (props: {
  tasks: MigrationTask[];
  canRetry: boolean;
  onRetried: () => void;
}) => (
  <List disablePadding aria-label="Tasks">
    {props.tasks.map(task => (
      <TaskItem
        key={task.id}
        task={task}
        canRetry={props.canRetry}
        onRetried={props.onRetried}
      />
    ))}
  </List>
);
