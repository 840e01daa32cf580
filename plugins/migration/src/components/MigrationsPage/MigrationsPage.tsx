import {
  Content,
  ContentHeader,
  Header,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import { MIGRATION_PHASES } from '@sirsi-nexus/plugin-migration-common';

/** The migrations page. */
export const MigrationsPage = () => (
  <Page themeId="tool">
    <Header
      title="Migrations"
      subtitle="Move workloads to the cloud through nine governed phases"
    />
    <Content>
      <ContentHeader title="Migrations">
        <SupportButton>
          Discover, plan and run cloud migrations from the catalog.
        </SupportButton>
      </ContentHeader>
      <Typography variant="body1">
        Every migration runs through {MIGRATION_PHASES.length} phases:{' '}
        {MIGRATION_PHASES.join(' → ')}.
      </Typography>
    </Content>
  </Page>
);
