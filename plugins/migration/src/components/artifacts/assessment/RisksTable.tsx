import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { RiskRow } from './readAssessment';

const Risk = (props: { risk: RiskRow }) => {
  const r = props.risk;
  return (
    <TableRow>
      <TableCell>
        {r.title}
        {r.source === 'advisor' && (
          <Chip size="small" label="advisor" style={{ marginLeft: 8 }} />
        )}
        {r.detail && (
          <Typography variant="caption" color="textSecondary" display="block">
            {r.detail}
          </Typography>
        )}
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
  <Table size="small" aria-label="Risks">
    <TableHead>
      <TableRow>
        <TableCell>Risk</TableCell>
        <TableCell>Points</TableCell>
        <TableCell>Affects</TableCell>
        <TableCell>Mitigation</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.risks.map(r => (
        <Risk key={r.id} risk={r} />
      ))}
    </TableBody>
  </Table>
);
