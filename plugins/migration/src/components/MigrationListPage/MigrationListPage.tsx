import { useMemo, useRef } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Content,
  ContentHeader,
  EmptyState,
  ErrorPanel,
  Header,
  LinkButton,
  Page,
  SupportButton,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  MIGRATION_PHASES,
  MIGRATION_STATUSES,
  type Migration,
  type MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../../api';
import { useLiveAsync } from '../../hooks/useLiveAsync';
import { useMigrationUpdates } from '../../hooks/useMigrationUpdates';
import { approvalsRouteRef } from '../../routes';
import { MigrationsTable, RequestMigrationButton } from '../shared';
import {
  MigrationFilters,
  type MigrationFilterValues,
} from './MigrationFilters';

/** Most migrations the list loads at once. */
const LIST_LIMIT = 500;

function readFilters(params: URLSearchParams): MigrationFilterValues {
  const statuses = params
    .getAll('status')
    .filter((s): s is MigrationStatus =>
      (MIGRATION_STATUSES as readonly string[]).includes(s),
    );
  return { statuses, owner: params.get('owner') || undefined };
}

function writeFilters(value: MigrationFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  value.statuses.forEach(s => params.append('status', s));
  if (value.owner) params.set('owner', value.owner);
  return params;
}

/** The filters, kept in the URL so a filtered list can be shared. */
function useFilters() {
  const [searchParams, setSearchParams] = useSearchParams();
  return {
    filters: readFilters(searchParams),
    setFilters: (next: MigrationFilterValues) =>
      setSearchParams(writeFilters(next)),
  };
}

/** Owners seen so far, so they stay selectable after filtering narrows the result. */
function useKnownOwners(migrations: Migration[] | undefined, owner?: string) {
  const seen = useRef(new Set<string>());
  return useMemo(() => {
    migrations?.forEach(m => seen.current.add(m.owner));
    if (owner) seen.current.add(owner);
    return [...seen.current].sort();
  }, [migrations, owner]);
}

/**
 * The approvals inbox (when gates wait for the user: the backend lists only those of migrations
 * the user may approve), a way to request a migration, and help.
 */
const ListActions = () => {
  const approvalsLink = useRouteRef(approvalsRouteRef);
  const api = useApi(migrationApiRef);
  const pending = useLiveAsync(() => api.listPendingApprovals(), [api]);
  const waiting = pending.value?.items.length ?? 0;
  return (
    <>
      {waiting > 0 && (
        <LinkButton
          to={approvalsLink()}
          variant="outlined"
          style={{ marginRight: 8 }}
        >
          Approvals inbox
        </LinkButton>
      )}
      <RequestMigrationButton />
      <SupportButton>
        Every migration runs through nine phases. Select one to follow its
        progress, approvals and artifacts.
      </SupportButton>
    </>
  );
};

const NoMigrations = (props: { filtered: boolean }) =>
  props.filtered ? (
    <EmptyState
      missing="data"
      title="No migrations match these filters"
      description="Clear the filters to see every migration."
    />
  ) : (
    <EmptyState
      missing="content"
      title="No migrations yet"
      description="Pick resources from the catalog and request a migration; it shows up here as soon as it starts."
      action={<RequestMigrationButton />}
    />
  );

/** `/migrations`: every migration with filters, live updates and a way to request one. */
export const MigrationListPage = () => {
  const api = useApi(migrationApiRef);
  const { filters, setFilters } = useFilters();
  const statusKey = filters.statuses.join(',');
  const { value, error, loading, refresh } = useLiveAsync(
    () =>
      api.listMigrations({
        status: statusKey
          ? (statusKey.split(',') as MigrationStatus[])
          : undefined,
        owner: filters.owner,
        limit: LIST_LIMIT,
      }),
    [api, statusKey, filters.owner],
  );
  useMigrationUpdates({ onUpdate: refresh });
  const owners = useKnownOwners(value?.items, filters.owner);

  return (
    <Page themeId="tool">
      <Header
        title="Migrations"
        subtitle={`Move workloads to the cloud through ${
          MIGRATION_PHASES.length
        } governed phases: ${MIGRATION_PHASES.join(' → ')}`}
      />
      <Content>
        <ContentHeader title="All migrations">
          <ListActions />
        </ContentHeader>
        <MigrationFilters
          value={filters}
          owners={owners}
          onChange={setFilters}
        />
        {error && (
          <ErrorPanel
            error={error}
            title={
              value
                ? 'Could not refresh the migrations'
                : 'Could not load migrations'
            }
          />
        )}
        {(value || loading) && (
          <MigrationsTable
            migrations={value?.items ?? []}
            isLoading={loading}
            subtitle={
              value && value.totalCount > value.items.length
                ? `Showing ${value.items.length} of ${value.totalCount}`
                : undefined
            }
            emptyContent={
              <NoMigrations
                filtered={filters.statuses.length > 0 || !!filters.owner}
              />
            }
          />
        )}
      </Content>
    </Page>
  );
};
