import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
  makeStyles,
} from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  migrationExecutePermission,
  type Migration,
  type MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef, type MigrationControl } from '../../api';
import { errorMessage } from '../shared';

/** Which controls apply in which status (the engine answers 409 to anything else). */
const ALLOWED: Record<MigrationControl, MigrationStatus[]> = {
  pause: ['running'],
  resume: ['paused'],
  cancel: ['running', 'paused', 'awaiting_approval'],
  rollback: ['failed', 'cancelled', 'completed'],
};

const LABELS: Record<MigrationControl, string> = {
  pause: 'Pause',
  resume: 'Resume',
  cancel: 'Cancel',
  rollback: 'Roll back',
};

const CONFIRM: Partial<Record<MigrationControl, string>> = {
  cancel:
    'Running tasks are aborted and no further phase starts. You can roll back what was done afterwards.',
  rollback:
    'Compensation runs for every completed task in reverse order, undoing what this migration built.',
};

/** The controls that apply to a migration in this status, in display order. */
export function applicableControls(
  status: MigrationStatus,
): MigrationControl[] {
  return (Object.keys(ALLOWED) as MigrationControl[]).filter(control =>
    ALLOWED[control].includes(status),
  );
}

const useStyles = makeStyles(theme => ({
  root: { display: 'flex', gap: theme.spacing(1) },
}));

/** Sends a control to the backend and says how it went. */
function useRunControl(migration: Migration, onChanged: () => void) {
  const api = useApi(migrationApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const run = async (control: MigrationControl, reason?: string) => {
    setBusy(true);
    try {
      await api.controlMigration(
        migration.id,
        control,
        reason ? { reason } : {},
      );
      alertApi.post({
        message: `${LABELS[control]}: request accepted for “${migration.title}”`,
        severity: 'success',
        display: 'transient',
      });
      onChanged();
    } catch (e) {
      alertApi.post({
        message: `Could not ${LABELS[
          control
        ].toLowerCase()} the migration: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

/** Asks before cancelling or rolling back, with an optional reason for the audit trail. */
const ConfirmControlDialog = (props: {
  control?: MigrationControl;
  migrationTitle: string;
  busy: boolean;
  onClose: () => void;
  onConfirm: (control: MigrationControl, reason?: string) => void;
}) => {
  const { control } = props;
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    props.onClose();
  };
  return (
    <Dialog
      open={!!control}
      onClose={close}
      aria-labelledby="migration-control-dialog-title"
    >
      {control && (
        <>
          <DialogTitle id="migration-control-dialog-title">
            {LABELS[control]} “{props.migrationTitle}”?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>{CONFIRM[control]}</DialogContentText>
            <TextField
              id="migration-control-reason"
              label="Reason (optional, recorded in the audit trail)"
              value={reason}
              onChange={e => setReason(e.target.value)}
              inputProps={{ maxLength: 2000 }}
              fullWidth
              multiline
              minRows={2}
            />
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>Back</Button>
            <Button
              color="secondary"
              variant="contained"
              disabled={props.busy}
              onClick={() => {
                const why = reason.trim() || undefined;
                close();
                props.onConfirm(control, why);
              }}
            >
              {LABELS[control]}
            </Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
};

/**
 * Pause, resume, cancel and roll back, as the status allows; hidden from users without
 * `migration.execute`. Cancel and rollback ask for confirmation and an optional reason.
 */
export const MigrationControls = (props: {
  migration: Migration;
  onChanged: () => void;
}) => {
  const { migration } = props;
  const classes = useStyles();
  const { allowed } = usePermission({
    permission: migrationExecutePermission,
    resourceRef: migration.id,
  });
  const { busy, run } = useRunControl(migration, props.onChanged);
  const [confirming, setConfirming] = useState<MigrationControl>();

  const controls = applicableControls(migration.status);
  if (!allowed || controls.length === 0) return null;
  return (
    <div className={classes.root}>
      {controls.map(control => {
        const undoing = control === 'cancel' || control === 'rollback';
        return (
          <Button
            key={control}
            variant={undoing ? 'outlined' : 'contained'}
            color={undoing ? 'secondary' : 'primary'}
            disabled={busy}
            onClick={() =>
              CONFIRM[control] ? setConfirming(control) : run(control)
            }
          >
            {LABELS[control]}
          </Button>
        );
      })}
      <ConfirmControlDialog
        control={confirming}
        migrationTitle={migration.title}
        busy={busy}
        onClose={() => setConfirming(undefined)}
        onConfirm={run}
      />
    </div>
  );
};
