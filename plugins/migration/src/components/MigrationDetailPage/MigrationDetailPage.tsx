import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Grid, Tab, Tabs, Typography } from '@material-ui/core';
import {
  Content,
  ContentHeader,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { useRouteRef, useRouteRefParams } from '@backstage/core-plugin-api';
import { EntityRefLinks, EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  MIGRATION_PHASES,
  migrationApprovePermission,
  migrationExecutePermission,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';
import {
  useMigrationStatus,
  type MigrationDetails,
} from '../../hooks/useMigrationStatus';
import { migrationRouteRef, rootRouteRef } from '../../routes';
import { ARTIFACT_NAMES, findArtifact } from '../artifacts/artifactKinds';
import {
  ArtifactViewSuspense,
  LazyArtifactList,
  LazyArtifactPreview,
  LazyIacView,
} from '../artifacts/lazyArtifactViews';
import {
  PhaseProgressBar,
  StatusChip,
  describeTarget,
  formatDateTime,
} from '../shared';
import { AuditTimeline } from './AuditTimeline';
import { MigrationControls } from './MigrationControls';
import { PhasePanel } from './PhasePanel';
import { PhaseStepper } from './PhaseStepper';

interface TabSpec {
  id: string;
  label: string;
  render: () => JSX.Element;
}

/** The tabs that apply: one per kind of artifact present, plus all artifacts and the audit. */
function buildTabs(details: MigrationDetails): TabSpec[] {
  const a = (name: string) => findArtifact(details.artifacts, name);
  const tabs: TabSpec[] = [];
  const single = (id: string, label: string, name: string) => {
    const artifact = a(name);
    if (artifact) {
      tabs.push({
        id,
        label,
        render: () => <LazyArtifactPreview artifact={artifact} />,
      });
    }
  };
  single('assessment', 'Assessment', ARTIFACT_NAMES.assessment);
  const bundle = a(ARTIFACT_NAMES.iacBundle);
  const report = a(ARTIFACT_NAMES.iacReport);
  if (bundle || report) {
    tabs.push({
      id: 'iac',
      label: 'Infrastructure as code',
      render: () => <LazyIacView bundle={bundle} report={report} />,
    });
  }
  single('transfer', 'Transfer', ARTIFACT_NAMES.transfer);
  single('validation', 'Validation', ARTIFACT_NAMES.validation);
  single('optimization', 'Optimization', ARTIFACT_NAMES.optimization);
  single('support', 'Support', ARTIFACT_NAMES.support);
  single('report', 'Report', ARTIFACT_NAMES.report);
  tabs.push({
    id: 'artifacts',
    label: `All artifacts (${details.artifacts.length})`,
    render: () => <LazyArtifactList artifacts={details.artifacts} />,
  });
  tabs.push({
    id: 'audit',
    label: 'Audit trail',
    render: () => <AuditTimeline events={details.events} />,
  });
  return tabs;
}

const Details = (props: {
  details: MigrationDetails;
  refresh: () => void;
  live: boolean;
  refreshError?: Error;
}) => {
  const { details, refresh, live, refreshError } = props;
  const { migration, phases } = details;
  const { allowed: canExecute } = usePermission({
    permission: migrationExecutePermission,
  });
  const { allowed: canApprove } = usePermission({
    permission: migrationApprovePermission,
  });
  const [selectedPhase, setSelectedPhase] = useState<MigrationPhase>();
  const [searchParams, setSearchParams] = useSearchParams();
  const rootLink = useRouteRef(rootRouteRef);

  const phase = selectedPhase ?? migration.currentPhase ?? MIGRATION_PHASES[0];
  const tabs = buildTabs(details);
  const tabId = searchParams.get('tab');
  const tabIndex = Math.max(
    0,
    tabs.findIndex(t => t.id === tabId),
  );

  return (
    <Page themeId="tool">
      <Header
        title={migration.title}
        subtitle={`${migration.sourceEnvironmentId} → ${describeTarget(
          migration,
        )}`}
        type="Migration"
        typeLink={rootLink()}
      >
        <HeaderLabel
          label="Status"
          value={<StatusChip status={migration.status} />}
        />
        <HeaderLabel
          label="Owner"
          value={
            <EntityRefLink
              entityRef={migration.owner}
              defaultKind="group"
              color="inherit"
            />
          }
        />
        <HeaderLabel
          label="Requested by"
          value={
            <EntityRefLink
              entityRef={migration.requestedBy}
              defaultKind="user"
              color="inherit"
            />
          }
        />
        <HeaderLabel label="Updates" value={live ? 'Live' : 'Every 5 s'} />
      </Header>
      <Content>
        <ContentHeader title="Progress">
          <MigrationControls migration={migration} onChanged={refresh} />
        </ContentHeader>
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
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard>
              <Box mb={2}>
                <PhaseProgressBar
                  progress={migration.progress}
                  status={migration.status}
                  currentPhase={migration.currentPhase}
                  phases={phases}
                />
              </Box>
              <PhaseStepper
                phases={phases}
                gatedPhases={migration.gatedPhases ?? []}
                selected={phase}
                onSelect={setSelectedPhase}
              />
              <PhasePanel
                migration={migration}
                phase={phase}
                state={phases.find(p => p.phase === phase)}
                canExecute={canExecute}
                canApprove={canApprove}
                onChanged={refresh}
              />
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={8}>
            <Typography variant="body2" color="textSecondary">
              Created {formatDateTime(migration.createdAt)} · updated{' '}
              {formatDateTime(migration.updatedAt)}
              {migration.completedAt &&
                ` · finished ${formatDateTime(migration.completedAt)}`}
              {migration.options.rehearsal &&
                ' · rehearsal: nothing is changed'}
            </Typography>
          </Grid>
          <Grid item xs={12} md={4}>
            <Typography variant="body2" component="div" color="textSecondary">
              Resources:{' '}
              <EntityRefLinks
                entityRefs={migration.entityRefs}
                defaultKind="resource"
              />
            </Typography>
          </Grid>
          <Grid item xs={12}>
            <Tabs
              value={tabIndex}
              onChange={(_, index: number) =>
                setSearchParams({ tab: tabs[index].id }, { replace: true })
              }
              indicatorColor="primary"
              variant="scrollable"
              scrollButtons="auto"
              aria-label="Migration results"
            >
              {tabs.map(t => (
                <Tab
                  key={t.id}
                  label={t.label}
                  id={`tab-${t.id}`}
                  aria-controls={`tabpanel-${t.id}`}
                />
              ))}
            </Tabs>
            <Box
              pt={2}
              role="tabpanel"
              id={`tabpanel-${tabs[tabIndex].id}`}
              aria-labelledby={`tab-${tabs[tabIndex].id}`}
            >
              <ArtifactViewSuspense>
                {tabs[tabIndex].render()}
              </ArtifactViewSuspense>
            </Box>
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
  usePermission({ permission: migrationExecutePermission });
  usePermission({ permission: migrationApprovePermission });

  if (loading) {
    return (
      <Page themeId="tool">
        <Header title="Migration" />
        <Content>
          <Progress />
        </Content>
      </Page>
    );
  }
  if (!value) {
    return (
      <Page themeId="tool">
        <Header title="Migration" />
        <Content>
          {error ? (
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
