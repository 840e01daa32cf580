import { useLayoutEffect, useRef } from 'react';
import {
  Table,
  type TableColumn,
  type TableFilter,
} from '@backstage/core-components';

/** Rows shown per page; a table with more rows is paged, searchable and filterable. */
export const PAGE_SIZE = 20;

/**
 * A ref for the element around a core-components `Table` that names its table `label`:
 * material-table takes no props for its <table>, so the one with the headings is named after
 * render (the pager is a second <table> without headings).
 */
export function useLabelledTable(label: string) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    box.current?.querySelectorAll('table').forEach(table => {
      if (table.querySelector('thead')) table.setAttribute('aria-label', label);
    });
  });
  return box;
}

/** The options every paged table shares: beyond one page it pages, searches and has a toolbar. */
export function pagedTableOptions(many: boolean, pageSize: number) {
  return {
    paging: many,
    pageSize,
    pageSizeOptions: [pageSize, pageSize * 5, pageSize * 25],
    emptyRowsWhenPaging: false,
    search: many,
    toolbar: many,
    sorting: true,
    draggable: false,
    padding: 'dense' as const,
    showTitle: false,
  };
}

/** Properties of {@link PagedTable}. */
export interface PagedTableProps<T extends object> {
  /** Accessible name of the table (also what tests and screen readers find it by). */
  label: string;
  columns: TableColumn<T>[];
  data: T[];
  /** Select filters by column title, offered once the table has more than one page. */
  filters?: TableFilter[];
  /** Rows per page (default {@link PAGE_SIZE}). */
  pageSize?: number;
}

/**
 * A core-components `Table` for rows that can run into thousands (resources, waves, checks,
 * transfer items): only the current page is in the DOM; columns sort; beyond one page it gets
 * search, select filters and paging. A short table stays a plain, unpaged table.
 */
export function PagedTable<T extends object>(props: PagedTableProps<T>) {
  const { label, data } = props;
  const pageSize = props.pageSize ?? PAGE_SIZE;
  const many = data.length > pageSize;
  const box = useLabelledTable(label);
  return (
    <div ref={box}>
      <Table<T>
        columns={props.columns}
        data={data}
        filters={many ? props.filters : undefined}
        style={{ boxShadow: 'none' }}
        options={pagedTableOptions(many, pageSize)}
      />
    </div>
  );
}
