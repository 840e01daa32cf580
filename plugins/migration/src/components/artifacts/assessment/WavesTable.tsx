import { Box, TableCell, TableRow, Typography } from '@material-ui/core';
import type {
  AssessmentSharedService,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../../shared';
import type { AssessmentModel } from './readAssessment';
import { ArtifactTable } from '../ArtifactTable';
import { WaveExportButtons } from './WaveExportButtons';

/** Most members a row names before it says how many more there are. */
const MAX_NAMED = 8;

function memberNames(names: string[]): string {
  if (names.length <= MAX_NAMED) return names.join(', ');
  return `${names.slice(0, MAX_NAMED).join(', ')} and ${
    names.length - MAX_NAMED
  } more`;
}

const WaveRow = (props: { wave: AssessmentWave; model: AssessmentModel }) => {
  const { wave: w, model } = props;
  return (
    <TableRow>
      <TableCell>Wave {w.number}</TableCell>
      <TableCell>{memberNames(w.members.map(model.nameOf))}</TableCell>
      <TableCell>{w.reasons.join('; ')}</TableCell>
      <TableCell>{`${Math.round(w.dataGiB)} GiB`}</TableCell>
      <TableCell>{`${w.transferHours.toFixed(1)} h`}</TableCell>
      <TableCell>{`${Math.round(w.cutoverMinutes)} min`}</TableCell>
      <TableCell>
        {w.cost ? formatMoney(w.cost.onDemand, model.currency) : ''}
      </TableCell>
    </TableRow>
  );
};

/** Services many resources depend on, and what to do about them. */
export const SharedServices = (props: {
  services: AssessmentSharedService[];
}) => (
  <Box mt={2}>
    <Typography variant="subtitle2">Shared services</Typography>
    {props.services.map(s => (
      <Typography key={s.resourceId} variant="body2">
        <strong>{s.name}</strong> ({s.fanIn} dependents):{' '}
        {humanize(s.recommendation)} — {s.reason}
      </Typography>
    ))}
  </Box>
);

/** Each wave: what moves, why then, how much data, how long, what it costs. */
export const WavesTable = (props: { model: AssessmentModel }) => (
  <>
    <WaveExportButtons assessment={props.model.assessment} />
    <ArtifactTable
      label="Waves"
      columns={[
        'Wave',
        'Resources',
        'Why',
        'Data',
        'Transfer',
        'Cutover',
        'Monthly cost',
      ]}
    >
      {props.model.waves.map(w => (
        <WaveRow key={w.id} wave={w} model={props.model} />
      ))}
    </ArtifactTable>
  </>
);
