import { renderInTestApp } from '@backstage/test-utils';
import { BarChart, labelStride } from './BarChart';

const groups = (n: number) =>
  Array.from({ length: n }, (_, i) => `Waves ${i * 5 + 1}–${i * 5 + 5}`);

describe('BarChart axis labels', () => {
  it('keeps every label when they fit and thins them when they would overlap', () => {
    expect(labelStride(['Wave 1', 'Wave 2', 'Wave 3'], 186)).toBe(1);
    // 50 groups on a 560 px plot leave 11.2 px each; "Waves 246–250" needs ~93 px.
    expect(labelStride(groups(50), 560 / 50)).toBe(9);
    expect(labelStride([], 0)).toBe(1);
  });

  it('draws a label under every n-th bar only, and every bar keeps its name in its tooltip', async () => {
    const categories = groups(50);
    const { container } = await renderInTestApp(
      <BarChart
        title="Cost per wave"
        categories={categories}
        series={[{ name: 'Monthly', values: categories.map((_, i) => i + 1) }]}
        formatValue={v => `$${v}`}
      />,
    );
    const labels = [...container.querySelectorAll('g[data-category] > text')];
    expect(labels.map(l => l.textContent)).toEqual(
      categories.filter((_, i) => i % 9 === 0),
    );
    const tooltips = [...container.querySelectorAll('rect > title')];
    expect(tooltips).toHaveLength(50);
    expect(tooltips[49].textContent).toBe('Waves 246–250 · Monthly: $50');
  });
});
