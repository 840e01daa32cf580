import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import type { MigrationPhase } from '@sirsi-nexus/plugin-migration-common';
import { errorMessage, humanize } from '../shared';

/** A decision on an approval gate. */
export type Decision = 'approve' | 'reject';

/**
 * Asks for the comment every approval decision needs and submits it. Errors from the backend
 * (separation of duties, already decided) are shown in the dialog.
 */
export const DecisionDialog = (props: {
  decision: Decision | undefined;
  migrationTitle: string;
  phase: MigrationPhase;
  onClose: () => void;
  onSubmit: (decision: Decision, comment: string) => Promise<void>;
}) => {
  const { decision, migrationTitle, phase, onClose, onSubmit } = props;
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const close = () => {
    setComment('');
    setTouched(false);
    setError(undefined);
    onClose();
  };

  const missingComment = comment.trim().length === 0;
  const verb = decision === 'reject' ? 'Reject' : 'Approve';

  const submit = async () => {
    setTouched(true);
    if (!decision || missingComment) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit(decision, comment.trim());
      setComment('');
      setTouched(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={!!decision}
      onClose={close}
      aria-labelledby="approval-decision-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="approval-decision-title">
        {verb} the {humanize(phase)} phase of “{migrationTitle}”
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {decision === 'reject'
            ? 'The migration stops as failed, with your comment as the reason.'
            : 'The phase starts as soon as you approve. Your comment is kept in the audit trail.'}
        </DialogContentText>
        <TextField
          id="approval-decision-comment"
          label="Comment"
          required
          fullWidth
          multiline
          minRows={3}
          value={comment}
          onChange={e => setComment(e.target.value)}
          onBlur={() => setTouched(true)}
          inputProps={{ maxLength: 4000 }}
          error={touched && missingComment}
          helperText={
            touched && missingComment
              ? 'A comment is required: say why you decided this way.'
              : ' '
          }
        />
        {error && (
          <DialogContentText color="error" role="alert">
            {error}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={submitting}>
          Back
        </Button>
        <Button
          variant="contained"
          color={decision === 'reject' ? 'secondary' : 'primary'}
          disabled={submitting || missingComment}
          onClick={submit}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
