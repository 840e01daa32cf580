import type { ReactNode } from 'react';
import { Grid, Paper, Typography, makeStyles } from '@material-ui/core';
import {
  countOf,
  type AssessmentCostSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, formatPercent, humanize } from '../../shared';
import { OutcomeSummary } from '../ChecksTable';
import type { AssessmentModel } from './readAssessment';

const useStyles = makeStyles(theme => ({
  figure: { padding: theme.spacing(2), height: '100%' },
  figureValue: { fontSize: '1.5rem', fontWeight: 500 },
}));

const Figure = (props: {
  label: string;
  value: ReactNode;
  hint?: string;
  /** A second line below the hint, e.g. why the figures are computed the way they are. */
  note?: string;
}) => {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Paper variant="outlined" className={classes.figure}>
        <Typography variant="overline" color="textSecondary" component="h4">
          {props.label}
        </Typography>
        <div className={classes.figureValue}>{props.value}</div>
        {props.hint && (
          <Typography variant="caption" color="textSecondary" component="p">
            {props.hint}
          </Typography>
        )}
        {props.note && (
          <Typography variant="caption" color="textSecondary" component="p">
            {props.note}
          </Typography>
        )}
      </Paper>
    </Grid>
  );
};

type CommitmentPricing = NonNullable<
  AssessmentModel['assessment']['inputs']['commitmentPricing']
>;

/** "at savings plan prices (28% / 46% off)": what the 1- and 3-year columns were computed with. */
export function commitmentBasis(pricing: CommitmentPricing): string {
  const off = `${formatPercent(pricing.oneYear)} / ${formatPercent(
    pricing.threeYear,
  )} off`;
  return `at ${humanize(pricing.appliedAs).toLowerCase()} prices (${off})`;
}

const CostFigure = (props: {
  cost: AssessmentCostSummary;
  pricing?: CommitmentPricing;
}) => {
  const { total, current, currency } = props.cost;
  const { pricing } = props;
  const money = (n: number) => formatMoney(n, currency);
  const hint = [
    `1-year ${money(total.commit1y)}`,
    `3-year ${money(total.commit3y)}${
      pricing ? ` ${commitmentBasis(pricing)}` : ''
    }`,
    current !== undefined ? `today ${money(current)}` : '',
  ];
  return (
    <Figure
      label="Monthly cost (on demand)"
      value={money(total.onDemand)}
      hint={hint.filter(Boolean).join(' · ')}
      note={pricing?.note}
    />
  );
};

const RiskFigure = (props: { model: AssessmentModel }) => {
  const { risk, summary } = props.model.assessment;
  const endOfLife = summary.endOfLifeSystems;
  const hint = [
    `${humanize(risk.level)} risk`,
    endOfLife.length ? `end-of-life OS: ${endOfLife.join(', ')}` : '',
  ];
  return (
    <Figure
      label="Risk score"
      value={`${Math.round(risk.score)} / 100`}
      hint={hint.filter(Boolean).join(' · ')}
    />
  );
};

const ComplianceFigure = (props: { model: AssessmentModel }) => {
  const { profile } = props.model.assessment.compliance;
  return (
    <Figure
      label={`Compliance${
        profile !== 'none' ? ` (${profile.toUpperCase()})` : ''
      }`}
      value={<OutcomeSummary checks={props.model.compliance} />}
    />
  );
};

/** Cost, risk, waves and compliance at a glance. */
export const KeyFigures = (props: { model: AssessmentModel }) => {
  const { model } = props;
  const { cost } = model.assessment;
  return (
    <Grid container spacing={2}>
      {cost && (
        <CostFigure
          cost={cost}
          pricing={model.assessment.inputs.commitmentPricing}
        />
      )}
      <RiskFigure model={model} />
      <Figure
        label="Waves"
        value={model.waves.length}
        hint={countOf(model.resourceCount, 'resource')}
      />
      {model.compliance.length > 0 && <ComplianceFigure model={model} />}
    </Grid>
  );
};
