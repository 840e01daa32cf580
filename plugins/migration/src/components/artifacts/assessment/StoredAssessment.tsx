import { useMemo } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import {
  MIGRATION_ARTIFACTS,
  assessmentOverview,
  parseArtifact,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef, type MigrationApi } from '../../../api';
import { ContractArtifact } from '../ContractArtifact';
import { AssessmentView } from './AssessmentView';
import {
  localAssessmentSource,
  type AssessmentSource,
} from './assessmentSource';

/** The stored assessment's resources, a page at a time, and all of it for the exports. */
function remoteSource(
  api: MigrationApi,
  migrationId: string,
): AssessmentSource {
  const definition = MIGRATION_ARTIFACTS.assessment;
  return {
    listResources: query => api.listAssessmentResources(migrationId, query),
    loadAssessment: async () => {
      const blob = await api.getArtifact(migrationId, definition.name);
      return parseArtifact(definition, JSON.parse(await blob.text()));
    },
  };
}

/** The backend's answer for an assessment that breaks the phase contract. */
function isContractConflict(error: Error): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return error.name === 'ConflictError' || status === 409;
}

/**
 * A migration's stored assessment: its overview from the backend and the resources table a page
 * at a time, so a page of 5,000 resources shows without downloading the whole `assessment.json`.
 * One that breaks the phase contract is loaded whole and shown as JSON under what is wrong.
 */
export const StoredAssessment = (props: { artifact: ArtifactSummary }) => {
  const { artifact } = props;
  const { migrationId, sha256 } = artifact;
  const api = useApi(migrationApiRef);
  const state = useAsync(
    () => api.getAssessmentOverview(migrationId),
    // A new sha256 is a re-written assessment.
    [api, migrationId, sha256],
  );
  const source = useMemo(
    () => remoteSource(api, migrationId),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, migrationId, sha256],
  );
  if (state.loading) return <Progress />;
  if (state.error && isContractConflict(state.error)) {
    return (
      <ContractArtifact
        artifact={artifact}
        definition={MIGRATION_ARTIFACTS.assessment}
      >
        {assessment => (
          <AssessmentView
            overview={assessmentOverview(assessment)}
            source={localAssessmentSource(assessment)}
          />
        )}
      </ContractArtifact>
    );
  }
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (!state.value) return null;
  return <AssessmentView overview={state.value} source={source} />;
};
