import { Box, Typography } from '@material-ui/core';
import type { ValidationReport } from '@sirsi-nexus/plugin-migration-common';
import { formatDateTime } from '../shared';
import { ChecksTable, OutcomeSummary } from './ChecksTable';
import { asRecord, findChecks } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

/**
 * A report made of checks: `validation.json` (data, network, performance and security checks
 * with remediation) and any other artifact with a `checks` list, such as an environment's
 * validation or the readiness checks. Anything else is shown as JSON.
 */
export const ChecksReportView = (props: { doc: unknown }) => {
  const checks = findChecks(props.doc);
  if (checks.length === 0) return <JsonView value={props.doc} />;
  const report = asRecord(props.doc) as
    | (Partial<ValidationReport> & { checkedAt?: string })
    | undefined;
  const checkedAt = report?.ranAt ?? report?.checkedAt;
  return (
    <>
      {checkedAt && (
        <Typography variant="body2" color="textSecondary" gutterBottom>
          Checked {formatDateTime(checkedAt)}
        </Typography>
      )}
      <Box mb={2}>
        <OutcomeSummary checks={checks} />
      </Box>
      <ChecksTable checks={checks} title="Checks" />
      <Box mt={2}>
        <RawJson value={props.doc} />
      </Box>
    </>
  );
};
