import { useEffect, useRef } from 'react';
import { Table, type TableProps } from '@backstage/core-components';
import { PAGE_SIZE, pagedTableOptions, useLabelledTable } from './PagedTable';

type RemoteData<T extends object> = Extract<
  TableProps<T>['data'],
  (...args: any[]) => any
>;

/** What the table asks for: a page, its size, the search text and the sort column. */
export type RemoteQuery<T extends object> = Parameters<RemoteData<T>>[0];

/** Properties of {@link RemotePagedTable}. */
export interface RemotePagedTableProps<T extends object> {
  /** Accessible name of the table (also what tests and screen readers find it by). */
  label: string;
  columns: TableProps<T>['columns'];
  /** Answers a query with a page of rows and how many match; a new function fetches again. */
  data: RemoteData<T>;
  /** How many rows there are in all: beyond one page the table pages and searches. */
  count: number;
  /** Rows per page (default {@link PAGE_SIZE}). */
  pageSize?: number;
  /** Filters applied outside the table (e.g. dropdowns above it): a change goes back to page 1. */
  filterKey?: string;
}

/**
 * A core-components `Table` whose rows are fetched a page at a time (material-table's remote
 * data): paging, sorting and search are the server's, so a table of thousands of rows shows its
 * first page without loading the others. A short table stays a plain, unpaged table.
 */
export function RemotePagedTable<T extends object>(
  props: RemotePagedTableProps<T>,
) {
  const { label, data, count } = props;
  const pageSize = props.pageSize ?? PAGE_SIZE;
  const many = count > pageSize;
  const box = useLabelledTable(label);
  const table = useRef<any>();
  const first = useRef(true);
  const lastFilterKey = useRef(props.filterKey);
  // material-table fetches on mount and on its own queries; a new `data` fetches the page again,
  // new filters fetch their first page.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const filtersChanged = lastFilterKey.current !== props.filterKey;
    lastFilterKey.current = props.filterKey;
    table.current?.onQueryChange?.(filtersChanged ? { page: 0 } : undefined);
  }, [data, props.filterKey]);
  return (
    <div ref={box}>
      <Table<T>
        tableRef={table}
        columns={props.columns}
        data={data}
        style={{ boxShadow: 'none' }}
        options={{
          ...pagedTableOptions(many, pageSize),
          // Unpaged, a remote table still asks for one page: make it hold every row.
          pageSize: many ? pageSize : Math.max(count, 1),
          debounceInterval: 300,
        }}
      />
    </div>
  );
}
