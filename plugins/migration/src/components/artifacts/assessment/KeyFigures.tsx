import type { ReactNode } from 'react';
import { Grid, Paper, Typography, makeStyles } from '@material-ui/core';
import {
  countOf,
  type AssessmentCostSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { formatMoney, humanize } from '../../shared';
import { OutcomeSummary } from '../ChecksTable';
import type { AssessmentModel } from './readAssessment';

const useStyles = makeStyles(theme => ({
  figure: { padding: theme.spacing(2), height: '100%' },
  figureValue: { fontSize: '1.5rem', fontWeight: 500 },
}));

const Figure = (props: { label: string; value: ReactNode; hint?: string }) => {
  const classes = useStyles();
  return (
    <Grid item xs={12} sm={6} md={3}>
      <Paper variant="outlined" className={classes.figure}>
        <Typography variant="overline" color="textSecondary" component="h4">
          {props.label}
        </Typography>
        <div className={classes.figureValue}>{props.value}</div>
        {props.hint && (
          <Typography variant="caption" color="textSecondary">
            {props.hint}
          </Typography>
        )}
      </Paper>
    </Grid>
  );
};

const CostFigure = (props: { cost: AssessmentCostSummary }) => {
  const { total, current, currency } = props.cost;
  const money = (n: number) => formatMoney(n, currency);
  const hint = [
    `1-year ${money(total.commit1y)}`,
    `3-year ${money(total.commit3y)}`,
    current !== undefined ? `today ${money(current)}` : '',
  ];
  return (
    <Figure
      label="Monthly cost (on demand)"
      value={money(total.onDemand)}
      hint={hint.filter(Boolean).join(' · ')}
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
      {cost && <CostFigure cost={cost} />}
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
