import { memo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Box, Tab, Tabs } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import {
  MIGRATION_ARTIFACTS,
  type ArtifactDefinition,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationDetails } from '../../hooks/useMigrationStatus';
import { findArtifact } from '../artifacts/artifactViews';
import {
  ArtifactViewSuspense,
  LazyArtifactList,
  LazyArtifactPreview,
  LazyIacView,
} from '../artifacts/lazyArtifactViews';
import { AuditTimeline } from './AuditTimeline';

interface TabSpec {
  id: string;
  label: string;
  render: () => JSX.Element;
}

/** A tab showing one artifact: its id in the URL, its label and the artifact. */
type ArtifactTab = [id: string, label: string, definition: ArtifactDefinition];

/** The artifacts after the IaC that get a tab of their own, in the order the phases write them. */
const LATER_TABS: ArtifactTab[] = [
  ['transfer', 'Transfer', MIGRATION_ARTIFACTS.transfer],
  ['validation', 'Validation', MIGRATION_ARTIFACTS.validation],
  ['optimization', 'Optimization', MIGRATION_ARTIFACTS.optimization],
  ['support', 'Support', MIGRATION_ARTIFACTS.support],
  ['report', 'Report', MIGRATION_ARTIFACTS.reportMarkdown],
];

function artifactTab(
  details: MigrationDetails,
  [id, label, definition]: ArtifactTab,
): TabSpec[] {
  const artifact = findArtifact(details.artifacts, definition);
  if (!artifact) return [];
  return [
    { id, label, render: () => <LazyArtifactPreview artifact={artifact} /> },
  ];
}

/** The assessment, with the business case above it once the specify phase has worked it out. */
function assessmentTab(details: MigrationDetails): TabSpec[] {
  const { artifacts } = details;
  const assessment = findArtifact(artifacts, MIGRATION_ARTIFACTS.assessment);
  if (!assessment) return [];
  const businessCase = findArtifact(
    artifacts,
    MIGRATION_ARTIFACTS.businessCase,
  );
  const render = () => (
    <>
      {businessCase && (
        <Box mb={3}>
          <InfoCard title="Business case">
            <LazyArtifactPreview artifact={businessCase} />
          </InfoCard>
        </Box>
      )}
      <LazyArtifactPreview artifact={assessment} />
    </>
  );
  return [{ id: 'assessment', label: 'Assessment', render }];
}

function iacTab(details: MigrationDetails): TabSpec[] {
  const bundle = findArtifact(details.artifacts, MIGRATION_ARTIFACTS.iacBundle);
  const report = findArtifact(details.artifacts, MIGRATION_ARTIFACTS.iacReport);
  if (!bundle && !report) return [];
  return [
    {
      id: 'iac',
      label: 'Infrastructure as code',
      render: () => <LazyIacView bundle={bundle} report={report} />,
    },
  ];
}

/** The tabs that apply: one per kind of artifact present, plus all artifacts and the audit. */
function buildTabs(details: MigrationDetails): TabSpec[] {
  return [
    ...assessmentTab(details),
    ...iacTab(details),
    ...LATER_TABS.flatMap(tab => artifactTab(details, tab)),
    {
      id: 'artifacts',
      label: `All artifacts (${details.artifacts.length})`,
      render: () => <LazyArtifactList artifacts={details.artifacts} />,
    },
    {
      id: 'audit',
      label: 'Audit trail',
      render: () => <AuditTimeline events={details.events} />,
    },
  ];
}

/**
 * What the tabs show changes only with the migration's update time, its artifacts (by content
 * hash) and its audit trail: a status refetch that changed none of them must not re-render an
 * assessment of thousands of resources.
 */
export function tabsKey(details: MigrationDetails): string {
  const { migration, artifacts, events } = details;
  return [
    migration.id,
    migration.updatedAt,
    artifacts.map(a => `${a.name}@${a.sha256}`).join(','),
    events.length,
    events[events.length - 1]?.id ?? '',
  ].join('|');
}

const TabsView = (props: { details: MigrationDetails }) => {
  const [searchParams, setSearchParams] = useSearchParams();
  const tabs = buildTabs(props.details);
  const tabIndex = Math.max(
    0,
    tabs.findIndex(t => t.id === searchParams.get('tab')),
  );
  const tab = tabs[tabIndex];
  return (
    <>
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
        id={`tabpanel-${tab.id}`}
        aria-labelledby={`tab-${tab.id}`}
      >
        <ArtifactViewSuspense>{tab.render()}</ArtifactViewSuspense>
      </Box>
    </>
  );
};

/** A migration's results, one tab per kind of artifact; the open tab is kept in the URL. */
export const MigrationTabs = memo(
  TabsView,
  (before, after) => tabsKey(before.details) === tabsKey(after.details),
);
