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

/**
 * Pause, resume, cancel and roll back, as the status allows; hidden from users without
 * `migration.execute`. Cancel and rollback ask for confirmation and an optional reason.
 */
export const MigrationControls = (props: {
  migration: Migration;
  onChanged: () => void;
}) => {
  const { migration, onChanged } = props;
  const classes = useStyles();
  const api = useApi(migrationApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed } = usePermission({ permission: migrationExecutePermission });
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<MigrationControl>();
  const [reason, setReason] = useState('');

  if (!allowed) return null;
  const controls = applicableControls(migration.status);
  if (controls.length === 0) return null;

  const run = async (control: MigrationControl, why?: string) => {
    setBusy(true);
    try {
      await api.controlMigration(
        migration.id,
        control,
        why ? { reason: why } : {},
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

  const closeDialog = () => {
    setConfirming(undefined);
    setReason('');
  };

  return (
    <div className={classes.root}>
      {controls.map(control => (
        <Button
          key={control}
          variant={
            control === 'cancel' || control === 'rollback'
              ? 'outlined'
              : 'contained'
          }
          color={
            control === 'cancel' || control === 'rollback'
              ? 'secondary'
              : 'primary'
          }
          disabled={busy}
          onClick={() =>
            CONFIRM[control] ? setConfirming(control) : run(control)
          }
        >
          {LABELS[control]}
        </Button>
      ))}
      <Dialog
        open={!!confirming}
        onClose={closeDialog}
        aria-labelledby="migration-control-dialog-title"
      >
        {confirming && (
          <>
            <DialogTitle id="migration-control-dialog-title">
              {LABELS[confirming]} “{migration.title}”?
            </DialogTitle>
            <DialogContent>
              <DialogContentText>{CONFIRM[confirming]}</DialogContentText>
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
              <Button onClick={closeDialog}>Back</Button>
              <Button
                color="secondary"
                variant="contained"
                disabled={busy}
                onClick={async () => {
                  const control = confirming;
                  const why = reason.trim() || undefined;
                  closeDialog();
                  await run(control, why);
                }}
              >
                {LABELS[confirming]}
              </Button>
            </DialogActions>
          </>
        )}
      </Dialog>
    </div>
  );
};
