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

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { top: 10, right: 10, bottom: 40, left: 70 };

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
  const formatExact = props.formatExact ?? props.formatValue;
  const classes = useStyles();
  const theme = useTheme();
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
  ];
  const max = Math.max(
    0,
    ...props.series.flatMap(s => s.values.map(v => v ?? 0)),
  );
  const step = niceStep(max);
  const top = Math.max(step, Math.ceil(max / step) * step);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const groupWidth = plotWidth / Math.max(1, props.categories.length);
  const barWidth = Math.min(40, (groupWidth * 0.8) / props.series.length);
  const y = (v: number) => MARGIN.top + plotHeight - (v / top) * plotHeight;
  const ticks: number[] = [];
  for (let t = 0; t <= top + step / 2; t += step) ticks.push(t);

  return (
    <figure className={classes.figure}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={props.title}
      >
        <title>{props.title}</title>
        {ticks.map(t => (
          <g key={t}>
            <line
              className={classes.grid}
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(t)}
              y2={y(t)}
            />
            <text
              className={classes.axis}
              x={MARGIN.left - 6}
              y={y(t) + 4}
              textAnchor="end"
            >
              {props.formatValue(t)}
            </text>
          </g>
        ))}
        {props.categories.map((category, ci) => {
          const groupX =
            MARGIN.left +
            ci * groupWidth +
            (groupWidth - barWidth * props.series.length) / 2;
          return (
            <g key={category} data-category={category}>
              {props.series.map((series, si) => {
                const value = series.values[ci];
                if (value === undefined) return null;
                return (
                  <rect
                    key={series.name}
                    x={groupX + si * barWidth}
                    y={y(value)}
                    width={Math.max(1, barWidth - 2)}
                    height={Math.max(0, y(0) - y(value))}
                    fill={colors[si % colors.length]}
                  >
                    <title>{`${category} · ${series.name}: ${formatExact(
                      value,
                    )}`}</title>
                  </rect>
                );
              })}
              <text
                className={classes.axis}
                x={MARGIN.left + ci * groupWidth + groupWidth / 2}
                y={HEIGHT - MARGIN.bottom + 16}
                textAnchor="middle"
              >
                {category}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={classes.legend}>
        {props.series.map((s, si) => (
          <span key={s.name}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: colors[si % colors.length] }}
            />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};
