import { Chip } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import type { RiskRow } from './readAssessment';
import { Caption } from '../ArtifactTable';
import { PagedTable } from '../../shared/PagedTable';

/** Most resources a row names before it says how many more there are. */
const MAX_NAMED = 8;

const columns: TableColumn<RiskRow>[] = [
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
    render: r => {
      if (!r.resources.length) return 'whole migration';
      const named = r.resources.slice(0, MAX_NAMED).join(', ');
      const more = (r.resourceCount ?? r.resources.length) - MAX_NAMED;
      return more > 0
        ? `${named} and ${more.toLocaleString('en-US')} more`
        : named;
    },
  },
  { title: 'Mitigation', field: 'mitigation', sorting: false },
];

/** Every risk factor with its points, what it affects and how to mitigate it. */
export const RisksTable = (props: { risks: RiskRow[] }) => (
  <PagedTable<RiskRow> label="Risks" columns={columns} data={props.risks} />
);
