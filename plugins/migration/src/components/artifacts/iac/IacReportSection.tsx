import { countOf, type IacReport } from '@sirsi-nexus/plugin-migration-common';
import { Box, Typography } from '@material-ui/core';
import { ChecksTable, OutcomeSummary } from '../ChecksTable';
import { iacCheckRows } from './iacChecks';
import { TerraformRun } from './TerraformRun';

const GeneratorNotes = (props: { warnings: string[] }) => (
  <Box mt={2}>
    <Typography variant="subtitle2">Generator notes</Typography>
    {props.warnings.map((w, i) => (
      <Typography key={i} variant="body2">
        {w}
      </Typography>
    ))}
  </Box>
);

/**
 * `iac-report.json`: what was generated, whether terraform ran, and every check with its
 * findings (file:line links into the bundle when `onLocate` is given).
 */
export const IacReportSection = (props: {
  report: IacReport;
  onLocate?: (file: string, line?: number) => void;
}) => {
  const { summary, terraform, warnings } = props.report;
  const checks = iacCheckRows(props.report);
  return (
    <>
      <Typography variant="body2" paragraph>
        {countOf(summary.files, 'file')} in{' '}
        {countOf(summary.waves, 'wave folder')},{' '}
        {countOf(summary.resources, 'resource')}
        {summary.imports ? `, ${summary.imports} imported` : ''}.
      </Typography>
      <TerraformRun terraform={terraform} />
      {checks.length > 0 && (
        <Box mb={2}>
          <OutcomeSummary checks={checks} />
        </Box>
      )}
      <ChecksTable
        checks={checks}
        title="IaC checks"
        onLocate={props.onLocate}
      />
      {warnings.length > 0 && <GeneratorNotes warnings={warnings} />}
    </>
  );
};
