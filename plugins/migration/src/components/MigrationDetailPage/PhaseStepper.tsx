import {
  Step,
  StepButton,
  StepLabel,
  Stepper,
  Typography,
} from '@material-ui/core';
import LockIcon from '@material-ui/icons/Lock';
import {
  MIGRATION_PHASES,
  type MigrationPhase,
  type MigrationPhaseState,
  type PhaseStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { formatPercent, humanize } from '../shared';

function caption(state: MigrationPhaseState | undefined, gated: boolean) {
  if (!state) return gated ? 'Needs approval' : 'Pending';
  if (state.status === 'running')
    return `Running ${formatPercent(state.progress)}`;
  if (state.status === 'pending' && gated) return 'Needs approval';
  return humanize(state.status);
}

const DONE: PhaseStatus[] = ['succeeded', 'skipped'];

/**
 * The nine phases as a stepper; each step is a button selecting the phase shown below it.
 */
export const PhaseStepper = (props: {
  phases: MigrationPhaseState[];
  gatedPhases: MigrationPhase[];
  selected: MigrationPhase;
  onSelect: (phase: MigrationPhase) => void;
}) => {
  const byPhase = new Map(props.phases.map(p => [p.phase, p]));
  return (
    <Stepper
      nonLinear
      alternativeLabel
      activeStep={MIGRATION_PHASES.indexOf(props.selected)}
      aria-label="Migration phases"
    >
      {MIGRATION_PHASES.map(phase => {
        const state = byPhase.get(phase);
        const gated =
          props.gatedPhases.includes(phase) || state?.approval !== undefined;
        return (
          <Step
            key={phase}
            completed={!!state && DONE.includes(state.status)}
            data-phase={phase}
            data-status={state?.status ?? 'pending'}
          >
            <StepButton
              onClick={() => props.onSelect(phase)}
              aria-current={props.selected === phase ? 'step' : undefined}
              optional={
                <Typography variant="caption" component="span">
                  {caption(state, gated)}
                  {gated && (
                    <LockIcon
                      fontSize="inherit"
                      titleAccess="Approval gate"
                      style={{ marginLeft: 4, verticalAlign: 'middle' }}
                    />
                  )}
                </Typography>
              }
            >
              <StepLabel
                error={state?.status === 'failed'}
                StepIconProps={{
                  completed: !!state && DONE.includes(state.status),
                  active:
                    state?.status === 'running' ||
                    state?.status === 'awaiting_approval',
                }}
              >
                {humanize(phase)}
              </StepLabel>
            </StepButton>
          </Step>
        );
      })}
    </Stepper>
  );
};
