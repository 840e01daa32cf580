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

/** The comment being written and the submission of the decision. */
function useDecisionForm(props: {
  decision: Decision | undefined;
  onClose: () => void;
  onSubmit: (decision: Decision, comment: string) => Promise<void>;
}) {
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const missingComment = comment.trim().length === 0;

  const close = () => {
    setComment('');
    setTouched(false);
    setError(undefined);
    props.onClose();
  };
  const submit = async () => {
    setTouched(true);
    if (!props.decision || missingComment) return;
    setSubmitting(true);
    setError(undefined);
    try {
      await props.onSubmit(props.decision, comment.trim());
      setComment('');
      setTouched(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };
  return {
    comment,
    setComment,
    showMissing: touched && missingComment,
    touch: () => setTouched(true),
    missingComment,
    submitting,
    error,
    close,
    submit,
  };
}

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
  const { decision, migrationTitle, phase } = props;
  const form = useDecisionForm(props);
  const verb = decision === 'reject' ? 'Reject' : 'Approve';
  return (
    <Dialog
      open={!!decision}
      onClose={form.close}
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
          value={form.comment}
          onChange={e => form.setComment(e.target.value)}
          onBlur={form.touch}
          inputProps={{ maxLength: 4000 }}
          error={form.showMissing}
          helperText={
            form.showMissing
              ? 'A comment is required: say why you decided this way.'
              : ' '
          }
        />
        {form.error && (
          <DialogContentText color="error" role="alert">
            {form.error}
          </DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={form.close} disabled={form.submitting}>
          Back
        </Button>
        <Button
          variant="contained"
          color={decision === 'reject' ? 'secondary' : 'primary'}
          disabled={form.submitting || form.missingComment}
          onClick={form.submit}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
