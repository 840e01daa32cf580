import { Typography } from '@material-ui/core';
import type {
  AssessmentWave,
  CommitmentAmounts,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney } from '../../shared';
import { BarChart } from './BarChart';

/** Most bars groups the chart draws; more waves are drawn in groups of consecutive waves. */
export const MAX_CHART_WAVES = 50;

type CostedWave = AssessmentWave & { cost: CommitmentAmounts };

/** The waves that have a cost (the specify phase adds it). */
export function costedWaves(waves: AssessmentWave[]): CostedWave[] {
  return waves.filter((w): w is CostedWave => !!w.cost);
}

/** A bar group: one wave, or consecutive waves with their costs added up. */
interface CostBar {
  label: string;
  cost: CommitmentAmounts;
}

/**
 * One bar group per wave, or — beyond {@link MAX_CHART_WAVES} waves — per run of consecutive
 * waves (`Waves 1–5`), so 250 waves stay 50 readable groups.
 */
export function costBars(waves: CostedWave[]): CostBar[] {
  if (waves.length <= MAX_CHART_WAVES) {
    return waves.map(w => ({ label: `Wave ${w.number}`, cost: w.cost }));
  }
  const size = Math.ceil(waves.length / MAX_CHART_WAVES);
  const bars: CostBar[] = [];
  for (let i = 0; i < waves.length; i += size) {
    const run = waves.slice(i, i + size);
    const first = run[0].number;
    const last = run[run.length - 1].number;
    const sum = (key: keyof CommitmentAmounts) =>
      run.reduce((n, w) => n + w.cost[key], 0);
    bars.push({
      label: first === last ? `Wave ${first}` : `Waves ${first}–${last}`,
      cost: {
        onDemand: sum('onDemand'),
        commit1y: sum('commit1y'),
        commit3y: sum('commit3y'),
      },
    });
  }
  return bars;
}

/** The monthly cost of each costed wave, on demand and with 1- and 3-year commitments. */
export const CostPerWaveChart = (props: {
  waves: AssessmentWave[];
  currency: string;
}) => {
  const waves = costedWaves(props.waves);
  const bars = costBars(waves);
  const costs = bars.map(b => b.cost);
  return (
    <>
      {bars.length < waves.length && (
        <Typography variant="caption" color="textSecondary">
          {waves.length.toLocaleString('en-US')} waves, in groups of{' '}
          {Math.ceil(waves.length / MAX_CHART_WAVES)} consecutive waves.
        </Typography>
      )}
      <BarChart
        title="Monthly cost per wave"
        categories={bars.map(b => b.label)}
        series={[
          { name: 'On demand', values: costs.map(c => c.onDemand) },
          { name: '1-year commitment', values: costs.map(c => c.commit1y) },
          { name: '3-year commitment', values: costs.map(c => c.commit3y) },
        ]}
        formatValue={n => formatMoney(n, props.currency)}
        formatExact={n => formatMoney(n, props.currency, { exact: true })}
      />
    </>
  );
};
