import { makeStyles, useTheme } from '@material-ui/core';

/** One series of a {@link BarChart}: a value per category. */
export interface BarSeries {
  name: string;
  values: (number | undefined)[];
}

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    fontSize: '0.75rem',
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    marginRight: 4,
    borderRadius: 2,
  },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
  grid: { stroke: theme.palette.divider },
}));

/** A round step for axis ticks near `max / 4`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const normalized = raw / magnitude;
  let nice = 10;
  if (normalized <= 1) nice = 1;
  else if (normalized <= 2) nice = 2;
  else if (normalized <= 5) nice = 5;
  return nice * magnitude;
}

/** The value at the top of a value axis from 0 to at least `max`, and its ticks. */
export function valueTicks(max: number): { top: number; ticks: number[] } {
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);
  return { top, ticks };
}

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 10, right: 10, bottom: 40, left: 70 };

/** Width of one character of an axis label (11 px sans-serif), with room for the gap between labels. */
const LABEL_CHAR_WIDTH = 6.5;
const LABEL_GAP = 8;

/**
 * Every how many categories a label fits under the bars: 1 when all fit, otherwise labels are
 * thinned (every bar keeps its name in its tooltip) so that neighbours never overlap.
 */
export function labelStride(categories: string[], groupWidth: number): number {
  const longest = Math.max(0, ...categories.map(c => c.length));
  const needed = longest * LABEL_CHAR_WIDTH + LABEL_GAP;
  return groupWidth > 0 ? Math.max(1, Math.ceil(needed / groupWidth)) : 1;
}

/** Where values and categories land in the plot. */
interface Layout {
  y: (value: number) => number;
  groupWidth: number;
  barWidth: number;
  ticks: number[];
  /** A category's label is drawn when its index is a multiple of this. */
  labelStride: number;
}

function layout(categories: string[], series: BarSeries[]): Layout {
  const max = Math.max(0, ...series.flatMap(s => s.values.map(v => v ?? 0)));
  const { top, ticks } = valueTicks(max);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, categories.length);
  return {
    y: v => MARGIN.top + plotHeight - (v / top) * plotHeight,
    groupWidth,
    barWidth: Math.min(40, (groupWidth * 0.8) / series.length),
    ticks,
    labelStride: labelStride(categories, groupWidth),
  };
}

function useSeriesColors(): string[] {
  const theme = useTheme();
  return [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
}

/** Horizontal grid lines from `left` to `right` with their values left of the plot. */
export const ValueAxis = (props: {
  ticks: number[];
  y: (value: number) => number;
  left: number;
  right: number;
  formatValue: (value: number) => string;
}) => {
  const classes = useStyles();
  const { y, ticks, left, right } = props;
  return (
    <>
      {ticks.map(t => (
        <g key={t}>
          <line
            className={classes.grid}
            x1={left}
            x2={right}
            y1={y(t)}
            y2={y(t)}
          />
          <text
            className={classes.axis}
            x={left - 6}
            y={y(t) + 4}
            textAnchor="end"
          >
            {props.formatValue(t)}
          </text>
        </g>
      ))}
    </>
  );
};

/** The bars of one category, one per series, with its label below. */
const BarGroup = (props: {
  category: string;
  index: number;
  series: BarSeries[];
  layout: Layout;
  colors: string[];
  formatExact: (value: number) => string;
}) => {
  const classes = useStyles();
  const { category, index, series, colors } = props;
  const { y, groupWidth, barWidth } = props.layout;
  const groupX =
    MARGIN.left +
    index * groupWidth +
    (groupWidth - barWidth * series.length) / 2;
  return (
    <g data-category={category}>
      {series.map((s, si) => {
        const value = s.values[index];
        if (value === undefined) return null;
        return (
          <rect
            key={s.name}
            x={groupX + si * barWidth}
            y={y(value)}
            width={Math.max(1, barWidth - 2)}
            height={Math.max(0, y(0) - y(value))}
            fill={colors[si % colors.length]}
          >
            <title>{`${category} · ${s.name}: ${props.formatExact(
              value,
            )}`}</title>
          </rect>
        );
      })}
      {index % props.layout.labelStride === 0 && (
        <text
          className={classes.axis}
          x={MARGIN.left + index * groupWidth + groupWidth / 2}
          y={HEIGHT - MARGIN.bottom + 16}
          textAnchor="middle"
        >
          {category}
        </text>
      )}
    </g>
  );
};

const Legend = (props: { series: BarSeries[]; colors: string[] }) => {
  const classes = useStyles();
  return (
    <figcaption className={classes.legend}>
      {props.series.map((s, si) => (
        <span key={s.name}>
          <span
            className={classes.swatch}
            style={{
              backgroundColor: props.colors[si % props.colors.length],
            }}
          />
          {s.name}
        </span>
      ))}
    </figcaption>
  );
};

/**
 * A grouped bar chart in plain SVG (no chart library in the bundle). Every bar carries a
 * `<title>` with its exact value for tooltips and screen readers.
 */
export const BarChart = (props: {
  title: string;
  categories: string[];
  series: BarSeries[];
  formatValue: (value: number) => string;
  /** Formats the exact value in each bar's tooltip; defaults to `formatValue`. */
  formatExact?: (value: number) => string;
}) => {
  const classes = useStyles();
  const colors = useSeriesColors();
  const plot = layout(props.categories, props.series);
  return (
    <figure className={classes.figure}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={props.title}
      >
        <title>{props.title}</title>
        <ValueAxis
          ticks={plot.ticks}
          y={plot.y}
          left={MARGIN.left}
          right={WIDTH - MARGIN.right}
          formatValue={props.formatValue}
        />
        {props.categories.map((category, index) => (
          <BarGroup
            key={category}
            category={category}
            index={index}
            series={props.series}
            layout={plot}
            colors={colors}
            formatExact={props.formatExact ?? props.formatValue}
          />
        ))}
      </svg>
      <Legend series={props.series} colors={colors} />
    </figure>
  );
};
