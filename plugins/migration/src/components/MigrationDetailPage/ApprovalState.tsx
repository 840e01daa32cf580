import { Box, Typography } from '@material-ui/core';
import { Link, WarningPanel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Approval, Migration } from '@sirsi-nexus/plugin-migration-common';
import { approvalsRouteRef } from '../../routes';
import { ApprovalDecisionButtons } from '../ApprovalsPage/ApprovalDecisionButtons';
import { StatusChip, formatDateTime, humanize } from '../shared';

/**
 * The approval gate of a phase: who decided, when and why — or, while pending, the decision
 * buttons for approvers.
 */
export const ApprovalState = (props: {
  approval: Approval;
  migration: Migration;
  canApprove: boolean;
  onDecided: () => void;
}) => {
  const { approval, migration, canApprove, onDecided } = props;
  const approvalsLink = useRouteRef(approvalsRouteRef);

  if (approval.status === 'pending') {
    return (
      <WarningPanel
        severity="info"
        title={`Waiting for approval since ${formatDateTime(
          approval.requestedAt,
        )}`}
        defaultExpanded
      >
        <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
          <Typography variant="body2">
            The {humanize(approval.phase)} phase starts once a platform engineer
            approves it.{' '}
            {canApprove ? (
              <>
                Decide here or in the{' '}
                <Link to={approvalsLink()}>approvals inbox</Link>.
              </>
            ) : (
              'Anyone with the migration.approve permission can decide.'
            )}
          </Typography>
          {canApprove && migration.status === 'awaiting_approval' && (
            <ApprovalDecisionButtons
              migration={migration}
              phase={approval.phase}
              onDecided={onDecided}
            />
          )}
        </Box>
      </WarningPanel>
    );
  }

  return (
    <Box
      display="flex"
      alignItems="baseline"
      flexWrap="wrap"
      style={{ gap: 8 }}
    >
      <Typography variant="subtitle2">Approval</Typography>
      <StatusChip
        status={approval.status === 'approved' ? 'succeeded' : 'failed'}
        label={approval.status === 'approved' ? 'Approved' : 'Rejected'}
      />
      <Typography variant="body2" component="span">
        by{' '}
        {approval.decidedBy ? (
          <EntityRefLink entityRef={approval.decidedBy} defaultKind="user" />
        ) : (
          'unknown'
        )}
        {approval.decidedAt && ` on ${formatDateTime(approval.decidedAt)}`}
        {approval.comment && (
          <>
            : <q>{approval.comment}</q>
          </>
        )}
      </Typography>
    </Box>
  );
};
