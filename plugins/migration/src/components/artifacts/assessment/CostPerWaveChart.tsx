import type {
  AssessmentWave,
  CommitmentAmounts,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney } from '../../shared';
import { BarChart } from './BarChart';

/** The waves that have a cost (the specify phase adds it). */
export function costedWaves(
  waves: AssessmentWave[],
): (AssessmentWave & { cost: CommitmentAmounts })[] {
  return waves.filter(
    (w): w is AssessmentWave & { cost: CommitmentAmounts } => !!w.cost,
  );
}

/** The monthly cost of each costed wave, on demand and with 1- and 3-year commitments. */
export const CostPerWaveChart = (props: {
  waves: AssessmentWave[];
  currency: string;
}) => {
  const waves = costedWaves(props.waves);
  const costs = waves.map(w => w.cost);
  return (
    <BarChart
      title="Monthly cost per wave"
      categories={waves.map(w => `Wave ${w.number}`)}
      series={[
        { name: 'On demand', values: costs.map(c => c.onDemand) },
        { name: '1-year commitment', values: costs.map(c => c.commit1y) },
        { name: '3-year commitment', values: costs.map(c => c.commit3y) },
      ]}
      formatValue={n => formatMoney(n, props.currency)}
      formatExact={n => formatMoney(n, props.currency, { exact: true })}
    />
  );
};
