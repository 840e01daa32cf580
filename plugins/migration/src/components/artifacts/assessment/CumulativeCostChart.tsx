import { makeStyles, useTheme } from '@material-ui/core';
import type { BusinessCase } from '@sirsi-nexus/plugin-migration-common';
import { formatMoney } from '../../shared';
import { ValueAxis, valueTicks } from './BarChart';

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 20, bottom: 40, left: 80 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;
const YEARS = [0, 1, 2, 3, 4, 5];

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  axis: { fill: theme.palette.text.secondary, fontSize: 11 },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    fontSize: '0.75rem',
    marginTop: theme.spacing(1),
  },
  swatch: {
    display: 'inline-block',
    width: 14,
    height: 3,
    marginRight: 4,
    verticalAlign: 'middle',
  },
}));

/**
 * Cumulative spend at the end of each year. The cloud starts at the one-off cost, paid as the
 * move starts, so the lines cross at the break-even month.
 */
function seriesOf(bc: BusinessCase) {
  return [
    { name: 'On-prem', values: [0, ...bc.years.map(y => y.cumulativeOnPrem)] },
    {
      name: 'Cloud (one-off included)',
      values: [bc.oneOff.total, ...bc.years.map(y => y.cumulativeCloud)],
    },
  ];
}

function scales(max: number) {
  const { top, ticks } = valueTicks(max);
  return {
    x: (year: number) => MARGIN.left + (year / 5) * PLOT_W,
    y: (value: number) => MARGIN.top + PLOT_H - (value / top) * PLOT_H,
    ticks,
  };
}

type Scales = ReturnType<typeof scales>;

const Axes = (props: { s: Scales; currency: string }) => {
  const classes = useStyles();
  const { x, y, ticks } = props.s;
  return (
    <>
      <ValueAxis
        ticks={ticks}
        y={y}
        left={MARGIN.left}
        right={WIDTH - MARGIN.right}
        formatValue={t => formatMoney(t, props.currency)}
      />
      {YEARS.map(year => (
        <text
          key={year}
          className={classes.axis}
          x={x(year)}
          y={HEIGHT - MARGIN.bottom + 16}
          textAnchor="middle"
        >
          {year === 0 ? 'Start' : `Year ${year}`}
        </text>
      ))}
    </>
  );
};

/** The month the cumulative cloud cost drops to the on-prem cost, as a dashed line. */
const BreakEvenMarker = (props: {
  breakEven: NonNullable<BusinessCase['breakEven']>;
  s: Scales;
  color: string;
}) => {
  const classes = useStyles();
  const x = props.s.x(props.breakEven.month / 12);
  const label = `Break-even: month ${props.breakEven.month} (year ${props.breakEven.year})`;
  return (
    <g data-testid="break-even">
      <line
        x1={x}
        x2={x}
        y1={MARGIN.top}
        y2={MARGIN.top + PLOT_H}
        stroke={props.color}
        strokeDasharray="4 3"
      >
        <title>{label}</title>
      </line>
      <text
        className={classes.axis}
        x={x + 4}
        y={MARGIN.top + 10}
        textAnchor="start"
      >
        {label}
      </text>
    </g>
  );
};

/**
 * Cumulative cost per year on-prem against cloud (one-off included) in plain SVG, the break-even
 * month marked. Every point carries a `<title>` with its exact value.
 */
export const CumulativeCostChart = (props: { businessCase: BusinessCase }) => {
  const classes = useStyles();
  const theme = useTheme();
  const bc = props.businessCase;
  const series = seriesOf(bc);
  const colors = [theme.palette.secondary.main, theme.palette.primary.main];
  const s = scales(Math.max(0, ...series.flatMap(x => x.values)));
  const title = 'Cumulative cost per year, on-prem against cloud';
  return (
    <figure className={classes.figure}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={title}
      >
        <title>{title}</title>
        <Axes s={s} currency={bc.currency} />
        {series.map((line, i) => (
          <g key={line.name} data-series={line.name}>
            <polyline
              fill="none"
              stroke={colors[i]}
              strokeWidth={2}
              points={line.values
                .map((v, year) => `${s.x(year)},${s.y(v)}`)
                .join(' ')}
            />
            {line.values.slice(1).map((v, index) => (
              <circle
                key={index}
                cx={s.x(index + 1)}
                cy={s.y(v)}
                r={3}
                fill={colors[i]}
              >
                <title>{`Year ${index + 1} · ${line.name}: ${formatMoney(
                  v,
                  bc.currency,
                  { exact: true },
                )}`}</title>
              </circle>
            ))}
          </g>
        ))}
        {bc.breakEven && (
          <BreakEvenMarker
            breakEven={bc.breakEven}
            s={s}
            color={theme.palette.success.main}
          />
        )}
      </svg>
      <figcaption className={classes.legend}>
        {series.map((line, i) => (
          <span key={line.name}>
            <span
              className={classes.swatch}
              style={{ backgroundColor: colors[i] }}
            />
            {line.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
};
