import { Box, Typography } from '@material-ui/core';
import type { ValidationReport } from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime } from '../shared';
import { ChecksTable, OutcomeSummary } from './ChecksTable';
import { asRecord, findChecks } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

/** `validation.json`: data, network, performance and security checks with remediation. */
export const ValidationView = (props: { doc: unknown }) => {
  const checks = findChecks(props.doc);
  if (checks.length === 0) return <JsonView value={props.doc} />;
  const report = asRecord(props.doc) as Partial<ValidationReport> | undefined;
  return (
    <>
      {report?.ranAt && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Checked {formatDateTime(report.ranAt)}
        </Typography>
      )}
      <Box mb={2}>
        <OutcomeSummary checks={checks} />
      </Box>
      <ChecksTable checks={checks} title="Validation checks" />
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
