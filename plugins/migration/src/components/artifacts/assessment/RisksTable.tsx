import { Chip, TableCell, TableRow } from '@material-ui/core';
import type { RiskRow } from './readAssessment';
import { ArtifactTable, Caption } from '../ArtifactTable';

const Risk = (props: { risk: RiskRow }) => {
  const r = props.risk;
  return (
    <TableRow>
      <TableCell>
        {r.title}
        {r.source === 'advisor' && (
          <Chip size="small" label="advisor" style={{ marginLeft: 8 }} />
        )}
        {r.detail && <Caption>{r.detail}</Caption>}
      </TableCell>
      <TableCell>{r.points ?? ''}</TableCell>
      <TableCell>
        {r.resources.length ? r.resources.join(', ') : 'whole migration'}
      </TableCell>
      <TableCell>{r.mitigation ?? ''}</TableCell>
    </TableRow>
  );
};

/** Every risk factor with its points, what it affects and how to mitigate it. */
export const RisksTable = (props: { risks: RiskRow[] }) => (
  <ArtifactTable
    label="Risks"
    columns={['Risk', 'Points', 'Affects', 'Mitigation']}
  >
    {props.risks.map(r => (
      <Risk key={r.id} risk={r} />
    ))}
  </ArtifactTable>
);
