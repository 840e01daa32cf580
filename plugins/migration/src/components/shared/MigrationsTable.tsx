import { ReactNode } from 'react';
import { Link, Table, TableColumn } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import { migrationRouteRef } from '../../routes';
import { describeTarget, formatDateTime, humanize } from './format';
import { PhaseProgressBar } from './PhaseProgressBar';
import { MigrationStatusChip } from './StatusChip';
import {
  describeInvolvement,
  involvementOf,
  resolvedResourceCount,
} from './involvement';

/** Properties of {@link MigrationsTable}. */
export interface MigrationsTableProps {
  migrations: Migration[];
  title?: string;
  isLoading?: boolean;
  emptyContent?: ReactNode;
  /** Extra content right of the title, e.g. filters. */
  subtitle?: string;
  /** Keep the given order instead of sorting by last update. */
  keepOrder?: boolean;
  /** Add a column saying how the entity is involved (answers of `?entityRef=`). */
  showInvolvement?: boolean;
}

function involvementColumn(): TableColumn<Migration> {
  const text = (m: Migration) => {
    const involvement = involvementOf(m);
    return involvement ? describeInvolvement(involvement) : '';
  };
  return {
    title: 'How involved',
    customSort: (a, b) => text(a).localeCompare(text(b)),
    customFilterAndSearch: (term: string, m) =>
      text(m).toLowerCase().includes(term.toLowerCase()),
    render: m => text(m),
  };
}

function migrationColumns(
  props: MigrationsTableProps,
  migrationLink: (params: { id: string }) => string,
): TableColumn<Migration>[] {
  return [
    {
      title: 'Title',
      field: 'title',
      highlight: true,
      render: m => <Link to={migrationLink({ id: m.id })}>{m.title}</Link>,
    },
    {
      title: 'Source → target',
      field: 'sourceEnvironmentId',
      render: m => (
        <Typography variant="body2" noWrap>
          {m.sourceEnvironmentId} → {describeTarget(m)}
        </Typography>
      ),
    },
    {
      title: 'Owner',
      field: 'owner',
      render: m => <EntityRefLink entityRef={m.owner} defaultKind="group" />,
    },
    {
      title: 'Resources',
      type: 'numeric',
      align: 'left',
      customSort: (a, b) => resolvedResourceCount(a) - resolvedResourceCount(b),
      render: m => resolvedResourceCount(m).toLocaleString('en-US'),
    },
    ...(props.showInvolvement ? [involvementColumn()] : []),
    {
      title: 'Status',
      field: 'status',
      render: m => <MigrationStatusChip migration={m} />,
    },
    {
      title: 'Phase',
      field: 'currentPhase',
      render: m => (m.currentPhase ? humanize(m.currentPhase) : '—'),
    },
    {
      title: 'Progress',
      field: 'progress',
      width: '160px',
      render: m => (
        <PhaseProgressBar
          progress={m.progress}
          status={m.status}
          currentPhase={m.currentPhase}
        />
      ),
    },
    {
      title: 'Created',
      field: 'createdAt',
      type: 'datetime',
      render: m => formatDateTime(m.createdAt),
    },
    {
      title: 'Updated',
      field: 'updatedAt',
      type: 'datetime',
      defaultSort: props.keepOrder ? undefined : 'desc',
      render: m => formatDateTime(m.updatedAt),
    },
  ];
}

/** Migrations as a sortable table: one row per migration, linking to its page. */
export const MigrationsTable = (props: MigrationsTableProps) => {
  const migrationLink = useRouteRef(migrationRouteRef);
  const columns = migrationColumns(props, migrationLink);
  return (
    <Table<Migration>
      title={props.title ?? 'Migrations'}
      subtitle={props.subtitle}
      columns={columns}
      data={props.migrations}
      isLoading={props.isLoading}
      emptyContent={props.emptyContent}
      options={{
        paging: props.migrations.length > 20,
        pageSize: 20,
        search: true,
        padding: 'dense',
      }}
    />
  );
};
