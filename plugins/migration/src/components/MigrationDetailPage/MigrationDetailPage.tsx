import { memo } from 'react';
import { Box, Grid, Typography } from '@material-ui/core';
import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useRouteRefParams } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  MIGRATION_ARTIFACTS,
  migrationApprovePermission,
  migrationExecutePermission,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  useMigrationStatus,
  type MigrationDetails,
} from '../../hooks/useMigrationStatus';
import { migrationRouteRef } from '../../routes';
import { formatDateTime } from '../shared';
import { reportedResourceCount } from '../shared/involvement';
import { findArtifact } from '../artifacts/artifactViews';
import { MigrationControls } from './MigrationControls';
import { MigrationHeader } from './MigrationHeader';
import { MigrationTabs } from './MigrationTabs';
import { PhasesCard } from './PhasesCard';
import { RequestedEntities } from './RequestedEntities';

/** Why the migration stopped or waits, and whether the page is behind. */
const StatusNotices = (props: {
  migration: Migration;
  refreshError?: Error;
}) => {
  const { migration, refreshError } = props;
  return (
    <>
      {migration.statusReason && (
        <Box mb={2}>
          <WarningPanel
            severity={migration.status === 'failed' ? 'error' : 'warning'}
            title={`Migration ${migration.status.replace('_', ' ')}`}
            message={migration.statusReason}
          />
        </Box>
      )}
      {refreshError && (
        <Box mb={2}>
          <WarningPanel
            title="Could not refresh; showing the last known state"
            message={refreshError.message}
          />
        </Box>
      )}
    </>
  );
};

/**
 * When the migration was created, updated and finished, and what it moves; re-rendered only when
 * the migration changes (its id or update time), not on every status refetch.
 */
const MigrationFacts = memo(
  (props: { migration: Migration; tableLink?: string }) => {
    const { migration } = props;
    return (
      <>
        <Grid item xs={12} md={8}>
          <Typography variant="body2" color="textSecondary">
            Created {formatDateTime(migration.createdAt)} · updated{' '}
            {formatDateTime(migration.updatedAt)}
            {migration.completedAt &&
              ` · finished ${formatDateTime(migration.completedAt)}`}
            {migration.options.rehearsal && ' · rehearsal: nothing is changed'}
          </Typography>
        </Grid>
        <Grid item xs={12} md={4}>
          <Typography variant="body2" component="div" color="textSecondary">
            Resources:{' '}
            <RequestedEntities
              entityRefs={migration.entityRefs}
              resourceCount={reportedResourceCount(migration)}
              tableLink={props.tableLink}
            />
          </Typography>
        </Grid>
      </>
    );
  },
  (before, after) =>
    before.migration.id === after.migration.id &&
    before.migration.updatedAt === after.migration.updatedAt &&
    before.tableLink === after.tableLink,
);

const Details = (props: {
  details: MigrationDetails;
  refresh: () => void;
  live: boolean;
  refreshError?: Error;
}) => {
  const { details, refresh } = props;
  const { migration } = details;
  return (
    <Page themeId="tool">
      <MigrationHeader migration={migration} live={props.live} />
      <Content>
        <ContentHeader title="Progress">
          <MigrationControls migration={migration} onChanged={refresh} />
        </ContentHeader>
        <StatusNotices
          migration={migration}
          refreshError={props.refreshError}
        />
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <PhasesCard details={details} onChanged={refresh} />
          </Grid>
          <MigrationFacts
            migration={migration}
            tableLink={
              findArtifact(details.artifacts, MIGRATION_ARTIFACTS.assessment)
                ? '?tab=assessment#resources'
                : undefined
            }
          />
          <Grid item xs={12}>
            <MigrationTabs details={details} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};

/** `/migrations/:id`: one migration with its phases, approvals, artifacts and audit trail. */
export const MigrationDetailPage = () => {
  const { id } = useRouteRefParams(migrationRouteRef);
  const { value, error, loading, refresh, live } = useMigrationStatus(id);
  // Asked here, while the status loads, so the answers are cached by the time the controls render.
  // Resource permissions: decided for this migration.
  usePermission({ permission: migrationExecutePermission, resourceRef: id });
  usePermission({ permission: migrationApprovePermission, resourceRef: id });

  if (loading || !value) {
    return (
      <Page themeId="tool">
        <Header title="Migration" />
        <Content>
          {!loading && error ? (
            <ResponseErrorPanel
              error={error}
              title="Could not load the migration"
            />
          ) : (
            <Progress />
          )}
        </Content>
      </Page>
    );
  }
  return (
    <Details
      details={value}
      refresh={refresh}
      live={live}
      refreshError={error}
    />
  );
};
