import { Box, Typography } from '@material-ui/core';
import { formatDateTime } from '../shared';
import type { CheckRow } from './checks';
import { ChecksTable, OutcomeSummary } from './ChecksTable';

/**
 * A report made of checks — `validation.json` (data, network, performance and security checks
 * with remediation), the readiness checks and each environment's checks — with when they ran.
 */
export const ChecksReportView = (props: {
  checks: CheckRow[];
  checkedAt?: string;
}) => (
  <>
    {props.checkedAt && (
      <Typography variant="body2" color="textSecondary" gutterBottom>
        Checked {formatDateTime(props.checkedAt)}
      </Typography>
    )}
    <Box mb={2}>
      <OutcomeSummary checks={props.checks} />
    </Box>
    <ChecksTable checks={props.checks} title="Checks" />
  </>
);
