import { useMemo } from 'react';
import { Box, Typography } from '@material-ui/core';
import type { TableColumn } from '@backstage/core-components';
import type {
  AssessmentSharedService,
  AssessmentWave,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../../shared';
import type { AssessmentModel } from './readAssessment';
import { PagedTable } from '../../shared/PagedTable';
import type { AssessmentSource } from './assessmentSource';
import { WaveExportButtons } from './WaveExportButtons';

/** Most members a row names before it says how many more there are. */
const MAX_NAMED = 8;

function memberNames(names: string[]): string {
  if (names.length <= MAX_NAMED) return names.join(', ');
  return `${names.slice(0, MAX_NAMED).join(', ')} and ${
    names.length - MAX_NAMED
  } more`;
}

function waveColumns(model: AssessmentModel): TableColumn<AssessmentWave>[] {
  return [
    {
      title: 'Wave',
      field: 'number',
      type: 'numeric',
      align: 'left',
      render: w => `Wave ${w.number}`,
    },
    {
      title: 'Resources',
      sorting: false,
      customFilterAndSearch: (term: string, w) =>
        w.members.some(id =>
          model.nameOf(id).toLowerCase().includes(term.toLowerCase()),
        ),
      render: w => memberNames(w.members.map(model.nameOf)),
    },
    {
      title: 'Why',
      sorting: false,
      searchable: false,
      render: w => w.reasons.join('; '),
    },
    {
      title: 'Data',
      field: 'dataGiB',
      type: 'numeric',
      align: 'left',
      render: w => `${Math.round(w.dataGiB)} GiB`,
    },
    {
      title: 'Transfer',
      field: 'transferHours',
      type: 'numeric',
      align: 'left',
      render: w => `${w.transferHours.toFixed(1)} h`,
    },
    {
      title: 'Cutover',
      field: 'cutoverMinutes',
      type: 'numeric',
      align: 'left',
      render: w => `${Math.round(w.cutoverMinutes)} min`,
    },
    {
      title: 'Monthly cost',
      field: 'cost.onDemand',
      type: 'numeric',
      align: 'left',
      render: w => (w.cost ? formatMoney(w.cost.onDemand, model.currency) : ''),
    },
  ];
}

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
export const WavesTable = (props: {
  model: AssessmentModel;
  source: AssessmentSource;
}) => {
  const { model, source } = props;
  const columns = useMemo(() => waveColumns(model), [model]);
  return (
    <>
      <WaveExportButtons
        migrationId={model.assessment.migrationId}
        load={source.loadAssessment}
      />
      <PagedTable<AssessmentWave>
        label="Waves"
        columns={columns}
        data={model.waves}
      />
    </>
  );
};
