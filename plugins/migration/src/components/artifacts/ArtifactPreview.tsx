import { useMemo } from 'react';
import { CodeSnippet, MarkdownContent } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import {
  MIGRATION_ARTIFACTS,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { useArtifact } from '../../hooks/useArtifact';
import { BusinessCaseView } from './assessment/BusinessCaseView';
import { StoredAssessment } from './assessment/StoredAssessment';
import { AsyncContent } from './AsyncContent';
import {
  checksDefinition,
  previewKind,
  type PreviewKind,
} from './artifactViews';
import { environmentCheckRows, validationCheckRows } from './checks';
import { ChecksReportView } from './ChecksReportView';
import { ContractArtifact } from './ContractArtifact';
import { IacView } from './iac/IacView';
import { JsonView } from './JsonView';
import { OptimizationView } from './optimization/OptimizationView';
import { SupportView } from './support/SupportView';
import { TransferView } from './transfer/TransferView';

/** JSON outside the phase contract: shown as it is. */
const JsonArtifact = (props: { artifact: ArtifactSummary }) => {
  const state = useArtifact(props.artifact, 'json');
  return (
    <AsyncContent state={state}>{doc => <JsonView value={doc} />}</AsyncContent>
  );
};

const TextArtifact = (props: {
  artifact: ArtifactSummary;
  markdown: boolean;
}) => {
  const state = useArtifact(props.artifact, 'text');
  return (
    <AsyncContent state={state}>
      {text =>
        props.markdown ? (
          <MarkdownContent content={text} />
        ) : (
          <CodeSnippet text={text} language="text" showLineNumbers />
        )
      }
    </AsyncContent>
  );
};

/** The readiness checks, or one environment's checks. */
const ChecksArtifactView = (props: { artifact: ArtifactSummary }) => {
  const { name } = props.artifact;
  const definition = useMemo(() => checksDefinition(name), [name]);
  return (
    <ContractArtifact artifact={props.artifact} definition={definition}>
      {report => (
        <ChecksReportView
          checks={environmentCheckRows(report)}
          checkedAt={report.checkedAt}
        />
      )}
    </ContractArtifact>
  );
};

/** How each kind of artifact is previewed. */
const PREVIEWS: Record<
  PreviewKind,
  (artifact: ArtifactSummary) => JSX.Element
> = {
  assessment: artifact => <StoredAssessment artifact={artifact} />,
  'business-case': artifact => (
    <ContractArtifact
      artifact={artifact}
      definition={MIGRATION_ARTIFACTS.businessCase}
    >
      {businessCase => <BusinessCaseView businessCase={businessCase} />}
    </ContractArtifact>
  ),
  validation: artifact => (
    <ContractArtifact
      artifact={artifact}
      definition={MIGRATION_ARTIFACTS.validation}
    >
      {report => (
        <ChecksReportView
          checks={validationCheckRows(report)}
          checkedAt={report.ranAt}
        />
      )}
    </ContractArtifact>
  ),
  optimization: artifact => (
    <ContractArtifact
      artifact={artifact}
      definition={MIGRATION_ARTIFACTS.optimization}
    >
      {report => <OptimizationView report={report} />}
    </ContractArtifact>
  ),
  support: artifact => (
    <ContractArtifact
      artifact={artifact}
      definition={MIGRATION_ARTIFACTS.support}
    >
      {support => <SupportView support={support} />}
    </ContractArtifact>
  ),
  transfer: artifact => (
    <ContractArtifact
      artifact={artifact}
      definition={MIGRATION_ARTIFACTS.transfer}
    >
      {report => <TransferView report={report} />}
    </ContractArtifact>
  ),
  checks: artifact => <ChecksArtifactView artifact={artifact} />,
  'iac-bundle': artifact => <IacView bundle={artifact} />,
  'iac-report': artifact => <IacView report={artifact} />,
  json: artifact => <JsonArtifact artifact={artifact} />,
  markdown: artifact => <TextArtifact artifact={artifact} markdown />,
  text: artifact => <TextArtifact artifact={artifact} markdown={false} />,
  none: artifact => (
    <Typography variant="body2">
      No preview for {artifact.mediaType}; download it to open it.
    </Typography>
  ),
};

/** Shows an artifact the way people read it, chosen by the phase contract and its media type. */
export const ArtifactPreview = (props: { artifact: ArtifactSummary }) =>
  PREVIEWS[previewKind(props.artifact)](props.artifact);
