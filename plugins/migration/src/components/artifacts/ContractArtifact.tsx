import type { ReactNode } from 'react';
import { Box } from '@material-ui/core';
import {
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import type {
  ArtifactDefinition,
  ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { useContractArtifact } from '../../hooks/useContractArtifact';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

/** What is shown instead of a view when an artifact breaks the phase contract. */
export const ContractMismatch = (props: {
  definition: ArtifactDefinition;
  error: Error;
  raw: unknown;
}) => (
  <>
    <Box mb={2}>
      <WarningPanel
        severity="error"
        defaultExpanded
        title={`${props.definition.title} cannot be shown`}
        message={`${props.error.message}. It is shown as JSON below.`}
      />
    </Box>
    <JsonView value={props.raw} />
  </>
);

/**
 * Loads a JSON artifact, checks it against the phase contract and renders it with `children`,
 * the stored JSON folded away below; an artifact that breaks the contract is shown as JSON
 * under a message naming the artifact and the field.
 */
export function ContractArtifact<T>(props: {
  artifact: ArtifactSummary;
  definition: ArtifactDefinition<T>;
  children: (value: T) => ReactNode;
}) {
  const state = useContractArtifact(props.artifact, props.definition);
  if (state.loading) return <Progress />;
  if (state.error) return <ResponseErrorPanel error={state.error} />;
  if (state.mismatch) {
    return (
      <ContractMismatch
        definition={props.definition}
        error={state.mismatch}
        raw={state.raw}
      />
    );
  }
  if (state.value === undefined) return null;
  return (
    <>
      {props.children(state.value)}
      <Box mt={2}>
        <RawJson value={state.raw} />
      </Box>
    </>
  );
}
