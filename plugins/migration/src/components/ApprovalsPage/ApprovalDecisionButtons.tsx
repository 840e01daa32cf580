import { useState } from 'react';
import { Button, Tooltip, Typography, makeStyles } from '@material-ui/core';
import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  migrationApprovePermission,
  type Migration,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../../api';
import { humanize } from '../shared';
import { DecisionDialog, type Decision } from './DecisionDialog';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** Whether the user may decide this migration's gate, and why not (requester, no permission). */
function useWhyNot(migration: Migration) {
  const identityApi = useApi(identityApiRef);
  const { value: identity } = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const { allowed: mayApprove, loading: asking } = usePermission({
    permission: migrationApprovePermission,
    resourceRef: migration.id,
  });
  const isRequester = identity?.userEntityRef === migration.requestedBy;
  let why = '';
  if (isRequester) {
    why = 'You requested this migration, so someone else has to decide.';
  } else if (!asking && !mayApprove) {
    why = 'Deciding this gate is for platform teams (migration.approve).';
  }
  return { why, blocked: isRequester || asking || !mayApprove };
}

/**
 * Approve and reject buttons for a pending gate, enabled for holders of `migration.approve` on
 * this migration (asked with its id: a resource permission). It also tells requesters up front
 * that someone else has to decide (separation of duties, enforced by the backend).
 */
export const ApprovalDecisionButtons = (props: {
  migration: Migration;
  phase: MigrationPhase;
  onDecided: (decision: Decision) => void;
}) => {
  const { migration, phase, onDecided } = props;
  const classes = useStyles();
  const api = useApi(migrationApiRef);
  const alertApi = useApi(alertApiRef);
  const { why, blocked } = useWhyNot(migration);
  const [decision, setDecision] = useState<Decision>();

  const submit = async (d: Decision, comment: string) => {
    await api.decideApproval(migration.id, phase, { decision: d, comment });
    setDecision(undefined);
    alertApi.post({
      message: `${d === 'approve' ? 'Approved' : 'Rejected'} the ${humanize(
        phase,
      )} phase of “${migration.title}”`,
      severity: 'success',
      display: 'transient',
    });
    onDecided(d);
  };

  return (
    <div className={classes.root}>
      <Tooltip title={why}>
        <span>
          <Button
            variant="contained"
            color="primary"
            disabled={blocked}
            onClick={() => setDecision('approve')}
          >
            Approve
          </Button>
        </span>
      </Tooltip>
      <Tooltip title={why}>
        <span>
          <Button
            variant="outlined"
            color="secondary"
            disabled={blocked}
            onClick={() => setDecision('reject')}
          >
            Reject
          </Button>
        </span>
      </Tooltip>
      {why && (
        <Typography variant="caption" color="textSecondary">
          {why}
        </Typography>
      )}
      <DecisionDialog
        decision={decision}
        migrationTitle={migration.title}
        phase={phase}
        onClose={() => setDecision(undefined)}
        onSubmit={submit}
      />
    </div>
  );
};
