import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Grid, Typography } from '@material-ui/core';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import type { AssessmentOverview } from '@sirsi-nexus/plugin-migration-common';
import {
  alertsByResource,
  useFiringAlerts,
} from '../../../hooks/useFiringAlerts';
import { ChecksTable } from '../ChecksTable';
import { AdvisorNotes } from './AdvisorNotes';
import { CostPerWaveChart, costedWaves } from './CostPerWaveChart';
import { KeyFigures } from './KeyFigures';
import type { AssessmentSource } from './assessmentSource';
import { readOverview, type AssessmentModel } from './readAssessment';
import { RisksTable } from './RisksTable';
import { ScheduleTable } from './ScheduleTable';
import { StrategiesTable } from './StrategiesTable';
import { WavesGraph } from './WavesGraph';
import { SharedServices, WavesTable } from './WavesTable';

/** A full-width card of the assessment page. */
const Section = (props: {
  title: string;
  id?: string;
  children: ReactNode;
}) => (
  <Grid item xs={12} id={props.id}>
    <InfoCard title={props.title}>{props.children}</InfoCard>
  </Grid>
);

const Warnings = (props: { warnings: string[] }) => (
  <Grid item xs={12}>
    <WarningPanel
      severity="info"
      title={`${props.warnings.length} assessment warning${
        props.warnings.length === 1 ? '' : 's'
      }`}
    >
      {props.warnings.map((w, i) => (
        <Typography key={i} variant="body2">
          {w}
        </Typography>
      ))}
    </WarningPanel>
  </Grid>
);

/** The cost chart beside the dependency graph, or the graph alone before costs exist. */
const CostAndDependencies = (props: { model: AssessmentModel }) => {
  const { model } = props;
  const costed = costedWaves(model.waves).length > 0;
  return (
    <>
      {costed && (
        <Grid item xs={12} md={6}>
          <InfoCard title="Monthly cost per wave">
            <CostPerWaveChart waves={model.waves} currency={model.currency} />
          </InfoCard>
        </Grid>
      )}
      <Grid item xs={12} md={costed ? 6 : 12}>
        <InfoCard title="Dependencies and waves">
          <WavesGraph model={model} />
        </InfoCard>
      </Grid>
    </>
  );
};

/**
 * `assessment.json` for people: cost per wave, the waves as a graph, risks, 7R, compliance. Drawn
 * from the overview; the resources table fetches its pages from `source`.
 */
export const AssessmentView = (props: {
  overview: AssessmentOverview;
  source: AssessmentSource;
}) => {
  const { overview, source } = props;
  // Derived once per overview: a large assessment holds thousands of resources.
  const model = useMemo(() => readOverview(overview), [overview]);
  const { stage, sharedServices, schedule, warnings, advisor, migrationId } =
    overview.assessment;
  const firing = useFiringAlerts(migrationId);
  const alerts = useMemo(
    () => alertsByResource(firing.value, 'id'),
    [firing.value],
  );
  const [riskRequest, setRiskRequest] = useState<{ risk: string }>();
  const showRiskResources = useCallback((risk: string) => {
    setRiskRequest({ risk });
    document.getElementById('resources')?.scrollIntoView?.();
  }, []);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <KeyFigures model={model} />
      </Grid>
      {stage === 'plan' && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            Sizing, cost and schedule are added by the specify phase.
          </Typography>
        </Grid>
      )}
      <Grid item xs={12}>
        <AdvisorNotes advisor={advisor} />
      </Grid>
      <CostAndDependencies model={model} />
      {model.waves.length > 0 && (
        <Section title="Waves">
          <WavesTable model={model} source={source} />
          {sharedServices.length > 0 && (
            <SharedServices services={sharedServices} />
          )}
        </Section>
      )}
      {model.risks.length > 0 && (
        <Section title="Risks">
          <RisksTable risks={model.risks} onShowResources={showRiskResources} />
        </Section>
      )}
      {model.resourceCount > 0 && (
        <Section title="Strategies and sizing" id="resources">
          <StrategiesTable
            model={model}
            source={source}
            alerts={alerts}
            riskRequest={riskRequest}
          />
        </Section>
      )}
      {model.compliance.length > 0 && (
        <Section title="Compliance">
          <ChecksTable checks={model.compliance} title="Compliance checks" />
        </Section>
      )}
      {schedule && schedule.entries.length > 0 && (
        <Section title="Schedule">
          <ScheduleTable schedule={schedule} />
        </Section>
      )}
      {warnings.length > 0 && <Warnings warnings={warnings} />}
    </Grid>
  );
};
