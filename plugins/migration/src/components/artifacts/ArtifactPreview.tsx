import { CodeSnippet, MarkdownContent } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';
import { useArtifact } from '../../hooks/useArtifact';
import { AssessmentView } from './assessment/AssessmentView';
import { AsyncContent } from './AsyncContent';
import { previewKind } from './artifactKinds';
import { IacView } from './iac/IacView';
import { JsonView } from './JsonView';
import { asRecord } from './normalize';
import { OptimizationView } from './OptimizationView';
import { SupportView } from './SupportView';
import { TransferView } from './TransferView';
import { ChecksReportView } from './ChecksReportView';

const JsonArtifact = (props: {
  artifact: ArtifactSummary;
  render: (doc: unknown) => JSX.Element;
}) => {
  const state = useArtifact(props.artifact, 'json');
  return <AsyncContent state={state}>{props.render}</AsyncContent>;
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

/** Whether a JSON document is a list of checks with outcomes. */
function hasChecks(doc: unknown): boolean {
  const checks = asRecord(doc)?.checks;
  return (
    Array.isArray(checks) &&
    checks.length > 0 &&
    checks.every(c => asRecord(c)?.status !== undefined)
  );
}

/** Shows an artifact the way people read it, chosen by its name and media type. */
export const ArtifactPreview = (props: { artifact: ArtifactSummary }) => {
  const { artifact } = props;
  switch (previewKind(artifact)) {
    case 'assessment':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc => <AssessmentView doc={doc} />}
        />
      );
    case 'iac-bundle':
      return <IacView bundle={artifact} />;
    case 'iac-report':
      return <IacView report={artifact} />;
    case 'validation':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc => <ChecksReportView doc={doc} />}
        />
      );
    case 'optimization':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc => <OptimizationView doc={doc} />}
        />
      );
    case 'support':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc => <SupportView doc={doc} />}
        />
      );
    case 'transfer':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc => <TransferView doc={doc} />}
        />
      );
    case 'json':
      return (
        <JsonArtifact
          artifact={artifact}
          render={doc =>
            hasChecks(doc) ? (
              <ChecksReportView doc={doc} />
            ) : (
              <JsonView value={doc} />
            )
          }
        />
      );
    case 'markdown':
      return <TextArtifact artifact={artifact} markdown />;
    case 'text':
      return <TextArtifact artifact={artifact} markdown={false} />;
    default:
      return (
        <Typography variant="body2">
          No preview for {artifact.mediaType}; download it to open it.
        </Typography>
      );
  }
};
