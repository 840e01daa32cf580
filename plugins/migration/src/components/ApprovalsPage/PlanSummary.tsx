import {
  MIGRATION_ARTIFACTS,
  countOf,
  type Assessment,
  type IacReport,
} from '@sirsi-nexus/plugin-migration-common';
import { Box, Typography } from '@material-ui/core';
import { Progress, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { migrationApiRef } from '../../api';
import {
  useContractArtifact,
  type ContractArtifactState,
} from '../../hooks/useContractArtifact';
import { findArtifact } from '../artifacts/artifactViews';
import { OutcomeSummary } from '../artifacts/ChecksTable';
import { iacVerdicts } from '../artifacts/iac/iacChecks';
import { formatMoney } from '../shared';

/** Monthly cost, risk and waves of the assessment, or why they are missing. */
function assessmentFigures(
  state: ContractArtifactState<Assessment>,
): Record<string, string> {
  const assessment = state.value;
  if (!assessment) {
    const problem = state.error ?? state.mismatch;
    return {
      Assessment: problem
        ? `unreadable: ${problem.message}`
        : 'not produced yet',
    };
  }
  const { cost, risk, waves, resources } = assessment;
  const figures: Record<string, string> = {};
  if (cost) {
    figures['Monthly cost'] = formatMoney(cost.total.onDemand, cost.currency);
  }
  figures['Risk score'] = `${Math.round(risk.score)} / 100 (${risk.level})`;
  figures.Waves = `${waves.length} (${countOf(resources.length, 'resource')})`;
  return figures;
}

/** The outcome of the IaC checks, or why there is none. */
const IacVerdicts = (props: { state: ContractArtifactState<IacReport> }) => {
  const { value, error, mismatch } = props.state;
  if (value) return <OutcomeSummary checks={iacVerdicts(value)} />;
  const problem = error ?? mismatch;
  return (
    <Typography variant="body2" color={problem ? 'error' : 'textSecondary'}>
      {problem ? `unreadable: ${problem.message}` : 'no report yet'}
    </Typography>
  );
};

/**
 * What an approver needs to decide: monthly cost, risk, waves and the IaC validation result,
 * read from the migration's assessment and IaC report when they exist.
 */
export const PlanSummary = (props: { migrationId: string }) => {
  const api = useApi(migrationApiRef);
  const status = useAsync(
    () => api.getMigrationStatus(props.migrationId),
    [api, props.migrationId],
  );
  const artifacts = status.value?.artifacts ?? [];
  const assessment = useContractArtifact(
    findArtifact(artifacts, MIGRATION_ARTIFACTS.assessment),
    MIGRATION_ARTIFACTS.assessment,
  );
  const report = useContractArtifact(
    findArtifact(artifacts, MIGRATION_ARTIFACTS.iacReport),
    MIGRATION_ARTIFACTS.iacReport,
  );

  if (status.loading || assessment.loading || report.loading) {
    return <Progress />;
  }
  if (status.error) {
    return (
      <Typography variant="body2" color="error">
        Could not load the plan: {status.error.message}
      </Typography>
    );
  }
  return (
    <Box>
      <StructuredMetadataTable metadata={assessmentFigures(assessment)} dense />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2">IaC validation:</Typography>
        <IacVerdicts state={report} />
      </Box>
    </Box>
  );
};
