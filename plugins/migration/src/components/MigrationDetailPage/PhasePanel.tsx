import { Box, Typography } from '@material-ui/core';
import {
  MIGRATION_PHASE_DESCRIPTIONS,
  type Migration,
  type MigrationPhase,
  type MigrationPhaseState,
} from '@sirsi-nexus/plugin-migration-common';
import { StatusChip, formatDateTime, formatPercent, humanize } from '../shared';
import { ApprovalState } from './ApprovalState';
import { TaskList } from './TaskList';

/** Why a phase has no tasks to show. */
function noTasksReason(state: MigrationPhaseState | undefined): string {
  switch (state?.status) {
    case 'awaiting_approval':
      return 'Its tasks are planned once the phase is approved.';
    case 'skipped':
      return 'This phase was skipped: nothing in it applies to this migration.';
    case 'cancelled':
    case 'rolled_back':
      return 'This phase did not run.';
    default:
      return "No tasks yet: the engine plans a phase's tasks when it starts, from what the earlier phases produced.";
  }
}

/** One phase in detail: status, timing, its approval gate and its tasks. */
export const PhasePanel = (props: {
  migration: Migration;
  phase: MigrationPhase;
  state: MigrationPhaseState | undefined;
  canExecute: boolean;
  canApprove: boolean;
  onChanged: () => void;
}) => {
  const { migration, phase, state, canExecute, canApprove, onChanged } = props;
  return (
    <section aria-labelledby={`phase-${phase}-title`}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <Typography variant="h6" component="h3" id={`phase-${phase}-title`}>
          {humanize(phase)}
        </Typography>
        <StatusChip status={state?.status ?? 'pending'} />
        {state?.status === 'running' && (
          <Typography variant="body2">
            {formatPercent(state.progress)}
          </Typography>
        )}
      </Box>
      <Typography variant="body2" color="textSecondary" gutterBottom>
        {MIGRATION_PHASE_DESCRIPTIONS[phase]}
        {state?.startedAt && ` · started ${formatDateTime(state.startedAt)}`}
        {state?.completedAt &&
          ` · finished ${formatDateTime(state.completedAt)}`}
      </Typography>
      {state?.approval && (
        <Box my={2}>
          <ApprovalState
            approval={state.approval}
            migration={migration}
            canApprove={canApprove}
            onDecided={onChanged}
          />
        </Box>
      )}
      {state && state.tasks.length > 0 ? (
        <TaskList
          tasks={state.tasks}
          canRetry={canExecute}
          onRetried={onChanged}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          {noTasksReason(state)}
        </Typography>
      )}
    </section>
  );
};
