import { useMemo } from 'react';
import { Chip, Link } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import type { RiskRow } from './readAssessment';
import { Caption } from '../ArtifactTable';
import { PagedTable } from '../../shared/PagedTable';

/** Most resources a row names before it says how many more there are. */
const MAX_NAMED = 8;

/** The Affects cell: the first names, and the rest one click away in the resources table. */
const Affects = (props: {
  row: RiskRow;
  onShowResources?: (riskId: string) => void;
}) => {
  const { row, onShowResources } = props;
  if (!row.resources.length) return <>whole migration</>;
  const named = row.resources.slice(0, MAX_NAMED).join(', ');
  const more = (row.resourceCount ?? row.resources.length) - MAX_NAMED;
  if (more <= 0) return <>{named}</>;
  const count = more.toLocaleString('en-US');
  return (
    <>
      {named} and{' '}
      {onShowResources && row.source === 'rules' ? (
        <Link
          component="button"
          variant="body2"
          onClick={() => onShowResources(row.id)}
          aria-label={`Show the ${(
            row.resourceCount ?? row.resources.length
          ).toLocaleString('en-US')} resources with ${row.title}`}
        >
          {count} more
        </Link>
      ) : (
        `${count} more`
      )}
    </>
  );
};

const riskColumns = (
  onShowResources?: (riskId: string) => void,
): TableColumn<RiskRow>[] => [
  {
    title: 'Risk',
    field: 'title',
    render: r => (
      <>
        {r.title}
        {r.source === 'advisor' && (
          <Chip size="small" label="advisor" style={{ marginLeft: 8 }} />
        )}
        {r.detail && <Caption>{r.detail}</Caption>}
      </>
    ),
  },
  { title: 'Points', field: 'points', type: 'numeric', align: 'left' },
  {
    title: 'Affects',
    sorting: false,
    customFilterAndSearch: (term: string, r) =>
      r.resources.some(name => name.toLowerCase().includes(term.toLowerCase())),
    render: r => <Affects row={r} onShowResources={onShowResources} />,
  },
  { title: 'Mitigation', field: 'mitigation', sorting: false },
];

/**
 * Every risk factor with its points, what it affects and how to mitigate it. A factor raised by
 * more resources than it names offers them all through `onShowResources` (the resources table,
 * filtered by the server).
 */
export const RisksTable = (props: {
  risks: RiskRow[];
  onShowResources?: (riskId: string) => void;
}) => {
  const { onShowResources } = props;
  const columns = useMemo(
    () => riskColumns(onShowResources),
    [onShowResources],
  );
  return (
    <PagedTable<RiskRow> label="Risks" columns={columns} data={props.risks} />
  );
};
