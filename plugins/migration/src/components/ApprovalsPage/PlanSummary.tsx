import { countOf } from '@sirsi-nexus/plugin-migration-common';
import { Box, Typography } from '@material-ui/core';
import { Progress, StructuredMetadataTable } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { migrationApiRef } from '../../api';
import { useArtifact } from '../../hooks/useArtifact';
import { ARTIFACT_NAMES, findArtifact } from '../artifacts/artifactKinds';
import { readAssessment } from '../artifacts/assessment/readAssessment';
import { OutcomeSummary } from '../artifacts/ChecksTable';
import { findChecks } from '../artifacts/normalize';
import { formatMoney } from '../shared';

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
  const assessmentArtifact = findArtifact(artifacts, ARTIFACT_NAMES.assessment);
  const reportArtifact = findArtifact(artifacts, ARTIFACT_NAMES.iacReport);
  const assessment = useArtifact(assessmentArtifact, 'json');
  const report = useArtifact(reportArtifact, 'json');

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

  const metadata: Record<string, string> = {};
  if (assessment.value !== undefined) {
    const model = readAssessment(assessment.value);
    if (model.cost?.onDemand !== undefined) {
      metadata['Monthly cost'] = formatMoney(
        model.cost.onDemand,
        model.currency,
      );
    }
    if (model.riskScore !== undefined) {
      metadata['Risk score'] = `${Math.round(model.riskScore)} / 100${
        model.riskLevel ? ` (${model.riskLevel})` : ''
      }`;
    }
    metadata.Waves = `${model.waves.length} (${countOf(
      model.resources.length,
      'resource',
    )})`;
  } else {
    metadata.Assessment = assessment.error
      ? `unreadable: ${assessment.error.message}`
      : 'not produced yet';
  }
  const checks = report.value !== undefined ? findChecks(report.value) : [];

  return (
    <Box>
      <StructuredMetadataTable metadata={metadata} dense />
      <Box mt={1} display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2">IaC validation:</Typography>
        {reportArtifact ? (
          <OutcomeSummary checks={checks} />
        ) : (
          <Typography variant="body2" color="textSecondary">
            no report yet
          </Typography>
        )}
      </Box>
    </Box>
  );
};
