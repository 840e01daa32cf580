import { Box, Typography } from '@material-ui/core';
import { CodeSnippet } from '@backstage/core-components';
import type { GeneratedMonitoring as Generated } from '@sirsi-nexus/plugin-migration-common';
import { OutcomeLabel } from '../ChecksTable';

const GeneratedFile = (props: {
  title: string;
  text: string;
  language: string;
}) => (
  <Box mt={2}>
    <Typography variant="subtitle2" component="h4">
      {props.title}
    </Typography>
    <CodeSnippet
      text={props.text}
      language={props.language}
      showCopyCodeButton
    />
  </Box>
);

/**
 * The monitoring configuration as code: whether each generated file parsed back, what the
 * target cannot express, the Prometheus rules and the Terraform files.
 */
export const GeneratedMonitoring = (props: { generated: Generated }) => {
  const { validation, notes, prometheusRules, terraform } = props.generated;
  return (
    <>
      {validation.map((v, i) => (
        <Box key={i} display="flex" style={{ gap: 8 }}>
          <OutcomeLabel outcome={v.status} />
          <Typography variant="body2">
            <code>{v.file}</code> {v.message}
          </Typography>
        </Box>
      ))}
      {notes.map((note, i) => (
        <Typography key={`note-${i}`} variant="body2" color="textSecondary">
          {note}
        </Typography>
      ))}
      {prometheusRules && (
        <GeneratedFile
          title="Prometheus alerting rules"
          text={prometheusRules}
          language="yaml"
        />
      )}
      {Object.entries(terraform).map(([file, text]) => (
        <GeneratedFile key={file} title={file} text={text} language="text" />
      ))}
    </>
  );
};
