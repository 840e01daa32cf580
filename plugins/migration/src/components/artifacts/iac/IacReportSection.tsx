import { countOf } from '@sirsi-nexus/plugin-migration-common';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  IacCheckResult,
  IacFinding,
  IacReport,
} from '@sirsi-nexus/plugin-migration-common';
import { ChecksTable, OutcomeLabel, OutcomeSummary } from '../ChecksTable';
import { asRecord, normalizeOutcome, type NormalizedCheck } from '../normalize';
import { RawJson } from '../RawJson';

/**
 * One row per finding (with its file:line), and one per check that found nothing, so passing
 * checks are listed too.
 */
export function flattenIacChecks(report: unknown): NormalizedCheck[] {
  const checks = asRecord(report)?.checks;
  if (!Array.isArray(checks)) return [];
  return (checks as Partial<IacCheckResult>[]).flatMap((check, index) => {
    const title = check.title ?? check.id ?? `Check ${index + 1}`;
    const findings: Partial<IacFinding>[] = Array.isArray(check.findings)
      ? check.findings
      : [];
    if (findings.length === 0) {
      return [
        {
          id: check.id ?? String(index),
          title,
          outcome: normalizeOutcome(check.status),
          message:
            check.checked !== undefined
              ? `${check.checked} checked`
              : undefined,
        },
      ];
    }
    return findings.map((finding, i) => ({
      id: `${check.id ?? index}-${i}`,
      title,
      outcome: normalizeOutcome(finding.status),
      message:
        [finding.message, finding.address ? `(${finding.address})` : '']
          .filter(Boolean)
          .join(' ') || undefined,
      remediation: finding.remediation,
      file: finding.file,
      line: finding.line,
    }));
  });
}

/** Whether terraform/tofu ran on the bundle, and what each step said. */
const TerraformRun = (props: { report: unknown }) => {
  const tf = asRecord(asRecord(props.report)?.terraform) as
    | Partial<IacReport['terraform']>
    | undefined;
  if (!tf) return null;
  if (!tf.ran) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        Terraform was not run{tf.reason ? `: ${tf.reason}` : ''}. The checks
        below come from parsing the generated files back.
      </Typography>
    );
  }
  const steps = Array.isArray(tf.steps) ? tf.steps : [];
  return (
    <Box mb={2}>
      <Typography variant="subtitle2" gutterBottom>
        {tf.command ?? 'terraform'} ran {steps.length} steps
      </Typography>
      <Table size="small" aria-label="Terraform steps">
        <TableBody>
          {steps.map((step, i) => (
            <TableRow key={`${step.folder}-${step.step}-${i}`}>
              <TableCell>
                <code>{step.folder}</code>
              </TableCell>
              <TableCell>{step.step}</TableCell>
              <TableCell>
                <OutcomeLabel
                  outcome={
                    step.status === 'skipped'
                      ? 'pending'
                      : normalizeOutcome(step.status)
                  }
                />
              </TableCell>
              <TableCell>
                {step.message}
                {step.outputTail && step.outputTail.length > 0 && (
                  <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
                    {step.outputTail.join('\n')}
                  </pre>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/**
 * `iac-report.json`: what was generated, whether terraform ran, and every check with its
 * findings (file:line links into the bundle when `onLocate` is given).
 */
export const IacReportSection = (props: {
  report: unknown;
  onLocate?: (file: string, line?: number) => void;
}) => {
  const checks = flattenIacChecks(props.report);
  const report = asRecord(props.report) as Partial<IacReport> | undefined;
  const summary = report?.summary;
  const warnings = Array.isArray(report?.warnings) ? report!.warnings : [];
  return (
    <>
      {summary && (
        <Typography variant="body2" paragraph>
          {countOf(summary.files, 'file')} in{' '}
          {countOf(summary.waves, 'wave folder')},{' '}
          {countOf(summary.resources, 'resource')}
          {summary.imports ? `, ${summary.imports} imported` : ''}.
        </Typography>
      )}
      <TerraformRun report={props.report} />
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
      {warnings.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Generator notes</Typography>
          {warnings.map((w, i) => (
            <Typography key={i} variant="body2">
              {w}
            </Typography>
          ))}
        </Box>
      )}
      <Box mt={2}>
        <RawJson value={props.report} />
      </Box>
    </>
  );
};
