import { useState } from 'react';
import {
  Card,
  CardActions,
  CardContent,
  CardHeader,
  Grid,
  Typography,
} from '@material-ui/core';
import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  SupportButton,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { PendingApproval } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../../api';
import { useLiveAsync } from '../../hooks/useLiveAsync';
import { useMigrationUpdates } from '../../hooks/useMigrationUpdates';
import { migrationRouteRef } from '../../routes';
import { describeTarget, formatDateTime, humanize } from '../shared';
import { resolvedResourceCount, resourcesCount } from '../shared/involvement';
import { ApprovalDecisionButtons } from './ApprovalDecisionButtons';
import { PlanSummary } from './PlanSummary';

const ApprovalCard = (props: {
  approval: PendingApproval;
  onDecided: () => void;
}) => {
  const { approval, onDecided } = props;
  const { migration } = approval;
  const migrationLink = useRouteRef(migrationRouteRef);
  return (
    <Card
      variant="outlined"
      component="article"
      aria-label={`${migration.title}: ${approval.phase}`}
    >
      <CardHeader
        title={
          <Link to={migrationLink({ id: migration.id })}>
            {migration.title}
          </Link>
        }
        subheader={`${humanize(
          approval.phase,
        )} phase · waiting since ${formatDateTime(approval.requestedAt)}`}
      />
      <CardContent>
        <Typography variant="body2" gutterBottom>
          {migration.sourceEnvironmentId} → {describeTarget(migration)} ·{' '}
          {resourcesCount(resolvedResourceCount(migration))} · requested by{' '}
          <EntityRefLink entityRef={migration.requestedBy} defaultKind="user" />{' '}
          for <EntityRefLink entityRef={migration.owner} defaultKind="group" />
        </Typography>
        {migration.options.justification && (
          <Typography variant="body2" gutterBottom>
            Why: <q>{migration.options.justification}</q>
          </Typography>
        )}
        <PlanSummary migrationId={migration.id} />
      </CardContent>
      <CardActions>
        <ApprovalDecisionButtons
          migration={migration}
          phase={approval.phase}
          onDecided={onDecided}
        />
      </CardActions>
    </Card>
  );
};

const Inbox = () => {
  const api = useApi(migrationApiRef);
  const [decided, setDecided] = useState<Set<string>>(new Set());
  const { value, error, loading, refresh } = useLiveAsync(
    () => api.listPendingApprovals(),
    [api],
  );
  useMigrationUpdates({
    filter: s => s.type === 'approval' || s.type === 'migration',
    onUpdate: refresh,
  });

  if (loading) return <Progress />;
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  const key = (a: PendingApproval) => `${a.migrationId}/${a.phase}`;
  const pending = value.items.filter(a => !decided.has(key(a)));
  if (pending.length === 0) {
    return (
      <EmptyState
        missing="content"
        title="Nothing waits for your decision"
        description="Gated phases (by default build and transfer) show up here when a migration reaches them. Deciding gates is for platform teams (the migration.approve permission)."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      {pending.map(approval => (
        <Grid item xs={12} lg={6} key={key(approval)}>
          <ApprovalCard
            approval={approval}
            onDecided={() => {
              setDecided(prev => new Set(prev).add(key(approval)));
              refresh();
            }}
          />
        </Grid>
      ))}
    </Grid>
  );
};

/**
 * `/migrations/approvals`: pending gates with the plan summary. `migration.approve` is a resource
 * permission, decided per migration: each card asks it for its migration and enables its buttons
 * accordingly, so the page asks no permission of its own.
 */
export const ApprovalsPage = () => {
  return (
    <Page themeId="tool">
      <Header
        title="Approvals"
        subtitle="Migration phases waiting for a platform team's decision"
      />
      <Content>
        <ContentHeader title="Pending approvals">
          <SupportButton>
            Approve or reject each gated phase with a comment. Requesters cannot
            approve their own migrations.
          </SupportButton>
        </ContentHeader>
        <Inbox />
      </Content>
    </Page>
  );
};
