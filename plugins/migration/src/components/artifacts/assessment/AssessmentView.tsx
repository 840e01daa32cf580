import { ReactNode } from 'react';
import {
  Box,
  Chip,
  Grid,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { formatDateTime, formatMoney, humanize } from '../../shared';
import { ChecksTable, OutcomeSummary } from '../ChecksTable';
import { JsonView } from '../JsonView';
import { RawJson } from '../RawJson';
import { BarChart } from './BarChart';
import { readAssessment, type AssessmentModel } from './readAssessment';
import { WavesGraph } from './WavesGraph';

const useStyles = makeStyles(theme => ({
  figure: { padding: theme.spacing(2), height: '100%' },
  figureValue: { fontSize: '1.5rem', fontWeight: 500 },
}));

const Figure = (props: { label: string; value: ReactNode; hint?: string }) => {
  const classes = useStyles();
  return (
    <Paper variant="outlined" className={classes.figure}>
      <Typography variant="overline" color="textSecondary">
        {props.label}
      </Typography>
      <div className={classes.figureValue}>{props.value}</div>
      {props.hint && (
        <Typography variant="caption" color="textSecondary">
          {props.hint}
        </Typography>
      )}
    </Paper>
  );
};

function riskLabel(score: number): string {
  if (score >= 70) return 'high';
  if (score >= 40) return 'medium';
  return 'low';
}

const KeyFigures = (props: { model: AssessmentModel }) => {
  const { model } = props;
  const money = (n: number) => formatMoney(n, model.currency);
  const { onDemand, commit1y, commit3y, current } = model.totals;
  const compliance = model.compliance;
  return (
    <Grid container spacing={2}>
      {onDemand !== undefined && (
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Monthly cost (on demand)"
            value={money(onDemand)}
            hint={[
              commit1y !== undefined
                ? `1-year commitment ${money(commit1y)}`
                : '',
              commit3y !== undefined ? `3-year ${money(commit3y)}` : '',
              current !== undefined ? `today ${money(current)}` : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </Grid>
      )}
      {model.riskScore !== undefined && (
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Risk score"
            value={`${Math.round(model.riskScore)} / 100`}
            hint={`${humanize(riskLabel(model.riskScore))} risk · ${
              model.risks.length
            } factors`}
          />
        </Grid>
      )}
      <Grid item xs={12} sm={6} md={3}>
        <Figure
          label="Waves"
          value={model.waves.length}
          hint={`${
            model.resources.length ||
            model.waves.reduce((n, w) => n + w.members.length, 0)
          } resources`}
        />
      </Grid>
      {compliance.length > 0 && (
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label={`Compliance${
              model.complianceProfile
                ? ` (${model.complianceProfile.toUpperCase()})`
                : ''
            }`}
            value={<OutcomeSummary checks={compliance} />}
          />
        </Grid>
      )}
    </Grid>
  );
};

const WavesTable = (props: { model: AssessmentModel }) => {
  const { model } = props;
  return (
    <Table size="small" aria-label="Waves">
      <TableHead>
        <TableRow>
          <TableCell>Wave</TableCell>
          <TableCell>Resources</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>Data</TableCell>
          <TableCell>Downtime</TableCell>
          <TableCell>Monthly cost</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {model.waves.map(w => (
          <TableRow key={w.index}>
            <TableCell>{w.name}</TableCell>
            <TableCell>
              {w.members.length <= 8
                ? w.members.join(', ')
                : `${w.members.slice(0, 8).join(', ')} and ${
                    w.members.length - 8
                  } more`}
            </TableCell>
            <TableCell>{w.reasons.join('; ')}</TableCell>
            <TableCell>
              {w.dataGiB !== undefined ? `${Math.round(w.dataGiB)} GiB` : ''}
            </TableCell>
            <TableCell>
              {w.downtimeMinutes !== undefined
                ? `${Math.round(w.downtimeMinutes)} min`
                : ''}
            </TableCell>
            <TableCell>
              {w.cost.onDemand !== undefined
                ? formatMoney(w.cost.onDemand, model.currency)
                : ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const RisksTable = (props: { model: AssessmentModel }) => (
  <Table size="small" aria-label="Risks">
    <TableHead>
      <TableRow>
        <TableCell>Risk</TableCell>
        <TableCell>Score</TableCell>
        <TableCell>Affects</TableCell>
        <TableCell>Mitigation</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {[...props.model.risks]
        .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))
        .map((r, i) => (
          <TableRow key={`${r.title}-${i}`}>
            <TableCell>{r.title}</TableCell>
            <TableCell>{r.score ?? ''}</TableCell>
            <TableCell>{r.resources.join(', ')}</TableCell>
            <TableCell>{r.mitigation ?? ''}</TableCell>
          </TableRow>
        ))}
    </TableBody>
  </Table>
);

const StrategiesTable = (props: { model: AssessmentModel }) => {
  const { model } = props;
  const counts = new Map<string, number>();
  model.resources.forEach(r => {
    if (r.strategy) counts.set(r.strategy, (counts.get(r.strategy) ?? 0) + 1);
  });
  return (
    <>
      <Box display="flex" flexWrap="wrap" mb={2} style={{ gap: 8 }}>
        {[...counts.entries()].map(([strategy, n]) => (
          <Chip key={strategy} label={`${humanize(strategy)}: ${n}`} />
        ))}
      </Box>
      <Table size="small" aria-label="Resources and strategies">
        <TableHead>
          <TableRow>
            <TableCell>Resource</TableCell>
            <TableCell>Wave</TableCell>
            <TableCell>Strategy (7R)</TableCell>
            <TableCell>Rule</TableCell>
            <TableCell>Target size</TableCell>
            <TableCell>Monthly cost</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {model.resources.map(r => (
            <TableRow key={r.id}>
              <TableCell>{r.name}</TableCell>
              <TableCell>{r.wave ?? ''}</TableCell>
              <TableCell>{r.strategy ? humanize(r.strategy) : ''}</TableCell>
              <TableCell>{r.strategyRule ?? ''}</TableCell>
              <TableCell>
                {r.instanceType ?? ''}
                {r.confidence && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {r.confidence} confidence
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {r.monthlyCost !== undefined
                  ? formatMoney(r.monthlyCost, model.currency)
                  : ''}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};

const ScheduleTable = (props: { model: AssessmentModel }) => (
  <Table size="small" aria-label="Schedule">
    <TableHead>
      <TableRow>
        <TableCell>Wave</TableCell>
        <TableCell>Window</TableCell>
        <TableCell>Transfer</TableCell>
        <TableCell>Cutover downtime</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.model.schedule.map((s, i) => (
        <TableRow key={`${s.wave}-${i}`}>
          <TableCell>{s.wave}</TableCell>
          <TableCell>
            {s.start
              ? `${formatDateTime(s.start)} – ${formatDateTime(s.end)}`
              : 'Unscheduled'}
          </TableCell>
          <TableCell>
            {s.transferHours !== undefined
              ? `${s.transferHours.toFixed(1)} h`
              : ''}
          </TableCell>
          <TableCell>
            {s.downtimeMinutes !== undefined
              ? `${Math.round(s.downtimeMinutes)} min`
              : ''}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const Advisor = (props: { model: AssessmentModel }) => {
  const advisor = props.model.advisor;
  if (!advisor) return null;
  const meta = [
    advisor.model,
    advisor.tokens !== undefined ? `${advisor.tokens} tokens` : '',
    advisor.latencyMs !== undefined
      ? `${Math.round(advisor.latencyMs)} ms`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  if (!advisor.summary && advisor.notes.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Advisor: {advisor.status ? humanize(advisor.status) : 'not used'}
        {advisor.reason && ` — ${advisor.reason}`}. The assessment stands on its
        rules alone.
      </Typography>
    );
  }
  return (
    <InfoCard title="Advisor notes" subheader={meta}>
      <Typography variant="caption" color="textSecondary" paragraph>
        Written by an AI model from the rules' results; it annotates and never
        changes sizing, cost, waves or approvals.
      </Typography>
      {advisor.summary && <Typography paragraph>{advisor.summary}</Typography>}
      {advisor.notes.map((note, i) => (
        <Typography key={i} variant="body2" paragraph>
          {note}
        </Typography>
      ))}
    </InfoCard>
  );
};

/** `assessment.json` for people: cost per wave, the waves as a graph, risks, 7R, compliance. */
export const AssessmentView = (props: { doc: unknown }) => {
  const model = readAssessment(props.doc);
  const money = (n: number) => formatMoney(n, model.currency);
  const recognised =
    model.waves.length > 0 ||
    model.resources.length > 0 ||
    model.risks.length > 0;
  if (!recognised) {
    return (
      <>
        <WarningPanel
          severity="info"
          title="This assessment has no waves, resources or risks the portal recognises"
          message="It is shown as JSON."
        />
        <JsonView value={props.doc} />
      </>
    );
  }
  const costedWaves = model.waves.filter(w => w.cost.onDemand !== undefined);
  const series = [
    { name: 'On demand', values: costedWaves.map(w => w.cost.onDemand) },
    {
      name: '1-year commitment',
      values: costedWaves.map(w => w.cost.commit1y),
    },
    {
      name: '3-year commitment',
      values: costedWaves.map(w => w.cost.commit3y),
    },
  ].filter(s => s.values.some(v => v !== undefined));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <KeyFigures model={model} />
      </Grid>
      {model.advisor && (
        <Grid item xs={12}>
          <Advisor model={model} />
        </Grid>
      )}
      {costedWaves.length > 0 && (
        <Grid item xs={12} md={6}>
          <InfoCard title="Monthly cost per wave">
            <BarChart
              title="Monthly cost per wave"
              categories={costedWaves.map(w => w.name)}
              series={series}
              formatValue={money}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={costedWaves.length > 0 ? 6 : 12}>
        <InfoCard title="Dependencies and waves">
          <WavesGraph waves={model.waves} resources={model.resources} />
        </InfoCard>
      </Grid>
      {model.waves.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Waves">
            <WavesTable model={model} />
            {model.sharedServices.length > 0 && (
              <Box mt={2}>
                <Typography variant="subtitle2">Shared services</Typography>
                {model.sharedServices.map(s => (
                  <Typography key={s.resource} variant="body2">
                    {s.resource}
                    {s.choice && ` — ${humanize(s.choice)}`}
                    {s.reason && ` (${s.reason})`}
                  </Typography>
                ))}
              </Box>
            )}
          </InfoCard>
        </Grid>
      )}
      {model.risks.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Risks">
            <RisksTable model={model} />
          </InfoCard>
        </Grid>
      )}
      {model.resources.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Strategies and sizing">
            <StrategiesTable model={model} />
          </InfoCard>
        </Grid>
      )}
      {model.compliance.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Compliance">
            <ChecksTable checks={model.compliance} title="Compliance checks" />
          </InfoCard>
        </Grid>
      )}
      {model.schedule.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Schedule">
            <ScheduleTable model={model} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12}>
        <RawJson value={props.doc} />
      </Grid>
    </Grid>
  );
};
