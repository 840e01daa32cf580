import { Header, HeaderLabel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import { rootRouteRef } from '../../routes';
import { MigrationStatusChip, describeTarget } from '../shared';

/** Title, route, status, owner, requester and how the page stays current. */
export const MigrationHeader = (props: {
  migration: Migration;
  live: boolean;
}) => {
  const { migration } = props;
  const rootLink = useRouteRef(rootRouteRef);
  return (
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
        value={<MigrationStatusChip migration={migration} />}
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
      <HeaderLabel label="Updates" value={props.live ? 'Live' : 'Every 5 s'} />
    </Header>
  );
};
