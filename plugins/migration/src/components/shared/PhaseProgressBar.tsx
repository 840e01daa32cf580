import { Tooltip, makeStyles } from '@material-ui/core';
import {
  MIGRATION_PHASES,
  type MigrationPhase,
  type MigrationPhaseState,
  type MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { clamp01, formatPercent, humanize } from './format';

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    gap: 2,
    minWidth: 120,
    height: 8,
  },
  segment: {
    flex: 1,
    position: 'relative',
    overflow: 'hidden',
    borderRadius: 2,
    backgroundColor: theme.palette.action.disabledBackground,
  },
  fill: {
    position: 'absolute',
    top: 0,
    left: 0,
    bottom: 0,
  },
  ok: { backgroundColor: theme.palette.success.main },
  running: { backgroundColor: theme.palette.info.main },
  warning: { backgroundColor: theme.palette.warning.main },
  error: { backgroundColor: theme.palette.error.main },
  neutral: { backgroundColor: theme.palette.text.disabled },
}));

type SegmentTone = 'ok' | 'running' | 'warning' | 'error' | 'neutral';

/**
 * How full each of the nine segments is, from per-phase states when known, otherwise from the
 * overall progress (each phase is a ninth of it).
 */
export function segmentFills(
  progress: number,
  phases?: MigrationPhaseState[],
): number[] {
  if (phases && phases.length > 0) {
    const byPhase = new Map(phases.map(p => [p.phase, p]));
    return MIGRATION_PHASES.map(phase => {
      const state = byPhase.get(phase);
      if (!state) return 0;
      if (state.status === 'succeeded' || state.status === 'skipped') return 1;
      return clamp01(state.progress);
    });
  }
  const total = clamp01(progress) * MIGRATION_PHASES.length;
  return MIGRATION_PHASES.map((_, index) => clamp01(total - index));
}

function currentTone(status: MigrationStatus): SegmentTone {
  switch (status) {
    case 'failed':
      return 'error';
    case 'awaiting_approval':
    case 'paused':
      return 'warning';
    case 'cancelled':
    case 'rolled_back':
    case 'rolling_back':
      return 'neutral';
    case 'completed':
      return 'ok';
    default:
      return 'running';
  }
}

/**
 * A progress bar across the nine phases: one segment per phase, the current one coloured by
 * the migration's status.
 */
export const PhaseProgressBar = (props: {
  progress: number;
  status: MigrationStatus;
  currentPhase?: MigrationPhase;
  phases?: MigrationPhaseState[];
}) => {
  const classes = useStyles();
  const fills = segmentFills(props.progress, props.phases);
  const currentIndex = props.currentPhase
    ? MIGRATION_PHASES.indexOf(props.currentPhase)
    : -1;
  const overall =
    props.phases && props.phases.length > 0
      ? fills.reduce((sum, f) => sum + f, 0) / MIGRATION_PHASES.length
      : clamp01(props.progress);
  const label = `${formatPercent(overall)} through the nine phases${
    props.currentPhase ? `, now ${humanize(props.currentPhase)}` : ''
  }`;

  return (
    <Tooltip title={label}>
      <div
        className={classes.bar}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(overall * 100)}
      >
        {MIGRATION_PHASES.map((phase, index) => {
          const tone: SegmentTone =
            index === currentIndex && fills[index] < 1
              ? currentTone(props.status)
              : 'ok';
          return (
            <div key={phase} className={classes.segment} data-phase={phase}>
              <div
                className={`${classes.fill} ${classes[tone]}`}
                style={{
                  width: `${
                    index === currentIndex && fills[index] === 0
                      ? 8
                      : fills[index] * 100
                  }%`,
                }}
              />
            </div>
          );
        })}
      </div>
    </Tooltip>
  );
};
