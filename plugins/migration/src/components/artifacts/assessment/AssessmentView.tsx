import { countOf } from '@sirsi-nexus/plugin-migration-common';
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
  );
};

const KeyFigures = (props: { model: AssessmentModel }) => {
  const { model } = props;
  const money = (n: number) => formatMoney(n, model.currency);
  const cost = model.cost;
  return (
    <Grid container spacing={2}>
      {cost?.onDemand !== undefined && (
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label="Monthly cost (on demand)"
            value={money(cost.onDemand)}
            hint={[
              cost.commit1y !== undefined
                ? `1-year ${money(cost.commit1y)}`
                : '',
              cost.commit3y !== undefined
                ? `3-year ${money(cost.commit3y)}`
                : '',
              cost.current !== undefined ? `today ${money(cost.current)}` : '',
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
            hint={[
              model.riskLevel ? `${humanize(model.riskLevel)} risk` : '',
              model.endOfLifeSystems.length
                ? `end-of-life OS: ${model.endOfLifeSystems.join(', ')}`
                : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        </Grid>
      )}
      <Grid item xs={12} sm={6} md={3}>
        <Figure
          label="Waves"
          value={model.waves.length}
          hint={countOf(model.resources.length, 'resource')}
        />
      </Grid>
      {model.compliance.length > 0 && (
        <Grid item xs={12} sm={6} md={3}>
          <Figure
            label={`Compliance${
              model.complianceProfile && model.complianceProfile !== 'none'
                ? ` (${model.complianceProfile.toUpperCase()})`
                : ''
            }`}
            value={<OutcomeSummary checks={model.compliance} />}
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
          <TableCell>Transfer</TableCell>
          <TableCell>Cutover</TableCell>
          <TableCell>Monthly cost</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {model.waves.map((w, i) => {
          const members = (w.members ?? [])
            .filter(Boolean)
            .map(id => model.nameOf(id!));
          return (
            <TableRow key={w.id ?? i}>
              <TableCell>Wave {w.number}</TableCell>
              <TableCell>
                {members.length <= 8
                  ? members.join(', ')
                  : `${members.slice(0, 8).join(', ')} and ${
                      members.length - 8
                    } more`}
              </TableCell>
              <TableCell>{(w.reasons ?? []).join('; ')}</TableCell>
              <TableCell>
                {w.dataGiB !== undefined ? `${Math.round(w.dataGiB)} GiB` : ''}
              </TableCell>
              <TableCell>
                {w.transferHours !== undefined
                  ? `${w.transferHours.toFixed(1)} h`
                  : ''}
              </TableCell>
              <TableCell>
                {w.cutoverMinutes !== undefined
                  ? `${Math.round(w.cutoverMinutes)} min`
                  : ''}
              </TableCell>
              <TableCell>
                {w.cost?.onDemand !== undefined
                  ? formatMoney(w.cost.onDemand, model.currency)
                  : ''}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};

const RisksTable = (props: { model: AssessmentModel }) => (
  <Table size="small" aria-label="Risks">
    <TableHead>
      <TableRow>
        <TableCell>Risk</TableCell>
        <TableCell>Points</TableCell>
        <TableCell>Affects</TableCell>
        <TableCell>Mitigation</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {props.model.risks.map(r => (
        <TableRow key={r.id}>
          <TableCell>
            {r.title}
            {r.source === 'advisor' && (
              <Chip size="small" label="advisor" style={{ marginLeft: 8 }} />
            )}
            {r.detail && (
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {r.detail}
              </Typography>
            )}
          </TableCell>
          <TableCell>{r.points ?? ''}</TableCell>
          <TableCell>
            {r.resources.length ? r.resources.join(', ') : 'whole migration'}
          </TableCell>
          <TableCell>{r.mitigation ?? ''}</TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const StrategiesTable = (props: { model: AssessmentModel }) => {
  const { model } = props;
  return (
    <>
      <Box
        display="flex"
        flexWrap="wrap"
        mb={2}
        style={{ gap: 8 }}
        aria-label="Strategies"
      >
        {Object.entries(model.byStrategy).map(([strategy, n]) => (
          <Chip key={strategy} label={`${humanize(strategy)}: ${n}`} />
        ))}
      </Box>
      <Table size="small" aria-label="Resources and strategies">
        <TableHead>
          <TableRow>
            <TableCell>Resource</TableCell>
            <TableCell>Wave</TableCell>
            <TableCell>Strategy (7R)</TableCell>
            <TableCell>Why</TableCell>
            <TableCell>Target size</TableCell>
            <TableCell>Risk</TableCell>
            <TableCell>Monthly cost</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {model.resources.map(r => (
            <TableRow key={r.id}>
              <TableCell>
                {r.name}
                {r.kind && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {r.kind}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{r.wave ?? ''}</TableCell>
              <TableCell>
                {r.strategy ? humanize(r.strategy) : ''}
                {r.targetService && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {r.targetService}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {r.strategyReason ?? ''}
                {r.strategyRule && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    rule {r.strategyRule}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                {r.instanceType ?? ''}
                {r.confidence && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    {r.confidence} confidence
                    {r.sizingBasis ? `, from ${r.sizingBasis}` : ''}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{r.riskScore ?? ''}</TableCell>
              <TableCell>
                {r.monthlyCost !== undefined
                  ? formatMoney(r.monthlyCost, model.currency)
                  : ''}
                {r.costIncluded === false && (
                  <Typography
                    variant="caption"
                    color="textSecondary"
                    display="block"
                  >
                    not in the totals
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};

const ScheduleTable = (props: { model: AssessmentModel }) => (
  <>
    <Table size="small" aria-label="Schedule">
      <TableHead>
        <TableRow>
          <TableCell>Wave</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Replication</TableCell>
          <TableCell>Cutover</TableCell>
          <TableCell>Note</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.model.schedule.map((s, i) => (
          <TableRow key={`${s.wave}-${i}`}>
            <TableCell>Wave {s.wave}</TableCell>
            <TableCell>{s.status ? humanize(s.status) : ''}</TableCell>
            <TableCell>
              {s.replicationStart
                ? `${formatDateTime(s.replicationStart)} – ${formatDateTime(
                    s.replicationEnd,
                  )}`
                : ''}
              {s.transferHours !== undefined && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {s.transferHours.toFixed(1)} h transfer
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {s.cutoverStart
                ? `${formatDateTime(s.cutoverStart)} – ${formatDateTime(
                    s.cutoverEnd,
                  )}`
                : ''}
              {s.cutoverMinutes !== undefined && (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  display="block"
                >
                  {Math.round(s.cutoverMinutes)} min downtime
                </Typography>
              )}
            </TableCell>
            <TableCell>{s.note ?? ''}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
    {props.model.scheduleCompletesAt && (
      <Typography variant="body2" style={{ marginTop: 8 }}>
        Last wave completes {formatDateTime(props.model.scheduleCompletesAt)}.
      </Typography>
    )}
  </>
);

const Advisor = (props: { model: AssessmentModel }) => {
  const advisor = props.model.advisor;
  if (!advisor) return null;
  const notes = (advisor.waveNotes ?? []).flatMap(n =>
    n?.note ? [{ wave: n.wave, note: n.note }] : [],
  );
  if (advisor.status !== 'ok' || (!advisor.summary && notes.length === 0)) {
    return (
      <Typography variant="body2" color="textSecondary">
        AI advisor: {advisor.status === 'fallback' ? 'unavailable' : 'not used'}
        {advisor.reason && ` (${advisor.reason.replace(/\.$/, '')})`}. The
        assessment rests on its rules alone.
      </Typography>
    );
  }
  const meta = [
    advisor.provider,
    advisor.model,
    advisor.tokens?.total !== undefined ? `${advisor.tokens.total} tokens` : '',
    advisor.latencyMs !== undefined
      ? `${Math.round(advisor.latencyMs)} ms`
      : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <InfoCard title="Advisor notes" subheader={meta}>
      <Typography variant="caption" color="textSecondary" paragraph>
        Written by an AI model from the rules' results. It annotates; it never
        changes sizing, cost, waves or approvals.
      </Typography>
      {advisor.summary && <Typography paragraph>{advisor.summary}</Typography>}
      {notes.map((n, i) => (
        <Typography key={i} variant="body2" paragraph>
          <strong>Wave {n.wave}:</strong> {n.note}
        </Typography>
      ))}
    </InfoCard>
  );
};

/** `assessment.json` for people: cost per wave, the waves as a graph, risks, 7R, compliance. */
export const AssessmentView = (props: { doc: unknown }) => {
  const model = readAssessment(props.doc);
  const money = (n: number) => formatMoney(n, model.currency);
  if (model.waves.length === 0 && model.resources.length === 0) {
    return (
      <>
        <WarningPanel
          severity="info"
          title="This assessment has no resources or waves the portal recognises"
          message="It is shown as JSON."
        />
        <JsonView value={props.doc} />
      </>
    );
  }
  const costedWaves = model.waves.filter(w => w.cost?.onDemand !== undefined);
  const series = [
    { name: 'On demand', values: costedWaves.map(w => w.cost?.onDemand) },
    {
      name: '1-year commitment',
      values: costedWaves.map(w => w.cost?.commit1y),
    },
    {
      name: '3-year commitment',
      values: costedWaves.map(w => w.cost?.commit3y),
    },
  ].filter(s => s.values.some(v => v !== undefined));

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <KeyFigures model={model} />
      </Grid>
      {model.stage === 'plan' && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            Sizing, cost and schedule are added by the specify phase.
          </Typography>
        </Grid>
      )}
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
              categories={costedWaves.map(w => `Wave ${w.number}`)}
              series={series}
              formatValue={money}
              formatExact={n => formatMoney(n, model.currency, { exact: true })}
            />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={costedWaves.length > 0 ? 6 : 12}>
        <InfoCard title="Dependencies and waves">
          <WavesGraph model={model} />
        </InfoCard>
      </Grid>
      {model.waves.length > 0 && (
        <Grid item xs={12}>
          <InfoCard title="Waves">
            <WavesTable model={model} />
            {model.sharedServices.length > 0 && (
              <Box mt={2}>
                <Typography variant="subtitle2">Shared services</Typography>
                {model.sharedServices.map((s, i) => (
                  <Typography key={s.resourceId ?? i} variant="body2">
                    <strong>{s.name}</strong> ({s.fanIn} dependents):{' '}
                    {s.recommendation ? humanize(s.recommendation) : ''}
                    {s.reason && ` — ${s.reason}`}
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
      {model.warnings.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="info"
            title={`${model.warnings.length} assessment warning${
              model.warnings.length === 1 ? '' : 's'
            }`}
          >
            {model.warnings.map((w, i) => (
              <Typography key={i} variant="body2">
                {w}
              </Typography>
            ))}
          </WarningPanel>
        </Grid>
      )}
      <Grid item xs={12}>
        <RawJson value={props.doc} />
      </Grid>
    </Grid>
  );
};
