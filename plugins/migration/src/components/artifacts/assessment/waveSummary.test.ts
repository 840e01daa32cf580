import { bigAssessment } from '../../../__testUtils__/bigMigration';
import { costBars, costedWaves, MAX_CHART_WAVES } from './CostPerWaveChart';
import { readAssessment } from './readAssessment';
import { MAX_WAVE_NODES, buildWaveGraph } from './waveGraph';

/** 5,000 resources in 250 waves of 20, each wave costing its number in each column. */
function manyWaves() {
  const assessment = bigAssessment(5000, 20);
  return {
    ...assessment,
    waves: assessment.waves.map(w => ({
      ...w,
      cost: { onDemand: w.number, commit1y: w.number, commit3y: w.number },
    })),
  };
}

describe('more waves than a chart or a graph can show', () => {
  it('draws the cost of 250 waves as 50 groups of 5 consecutive waves, costs added up', () => {
    const bars = costBars(costedWaves(manyWaves().waves));

    expect(bars).toHaveLength(MAX_CHART_WAVES);
    expect(bars[0]).toEqual({
      label: 'Waves 1–5',
      cost: { onDemand: 15, commit1y: 15, commit3y: 15 },
    });
    expect(bars[49].label).toBe('Waves 246–250');
  });

  it('keeps one bar per wave up to 50 waves', () => {
    const waves = costedWaves(manyWaves().waves).slice(0, MAX_CHART_WAVES);
    expect(costBars(waves).map(b => b.label)).toEqual(
      waves.map(w => `Wave ${w.number}`),
    );
  });

  it('draws the first 50 waves of 250 and one node for the rest, with their edges', () => {
    const graph = buildWaveGraph(readAssessment(manyWaves()));

    expect(graph.level).toBe('wave');
    expect(graph.nodes).toHaveLength(MAX_WAVE_NODES + 1);
    expect(graph.nodes[MAX_WAVE_NODES]).toMatchObject({
      id: 'more-waves',
      label: '…and 200 more waves',
      sublabel: 'waves 51–250, 4,000 resources',
    });
    const ids = new Set(graph.nodes.map(n => n.id));
    expect(graph.edges.every(e => ids.has(e.from) && ids.has(e.to))).toBe(true);
    expect(graph.edges).toContainEqual({ from: 'more-waves', to: 'wave-50' });
    expect(graph.edges).toContainEqual({ from: 'wave-2', to: 'wave-1' });
  });

  it('still expands a drawn wave into its resources', () => {
    const graph = buildWaveGraph(readAssessment(manyWaves()), new Set([2]));

    expect(graph.nodes.filter(n => n.wave === 2)).toHaveLength(21);
    expect(graph.nodes.find(n => n.id === 'vm-0020')?.label).toBe('vm-0020');
  });
});
