import { Box } from '@material-ui/core';
import { ChecksTable, OutcomeSummary } from './ChecksTable';
import { findChecks } from './normalize';
import { JsonView } from './JsonView';
import { RawJson } from './RawJson';

/** `validation.json`: data, network, performance and security checks with remediation. */
export const ValidationView = (props: { doc: unknown }) => {
  const checks = findChecks(props.doc);
  if (checks.length === 0) return <JsonView value={props.doc} />;
  return (
    <>
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
