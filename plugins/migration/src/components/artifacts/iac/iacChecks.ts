import type {
  IacCheckResult,
  IacReport,
  IacTerraformStep,
} from '@sirsi-nexus/plugin-migration-common';
import type { CheckOutcome, CheckRow } from '../checks';

/** A check that found nothing: one row, so passing checks are listed too. */
function checkRow(check: IacCheckResult): CheckRow {
  return {
    id: check.id,
    title: check.title,
    outcome: check.skipped ? 'pending' : check.status,
    message: check.skipped
      ? `Skipped: ${check.skipped}`
      : `${check.checked} checked`,
  };
}

/** One row per finding (with its file:line), one per check that found nothing. */
export function iacCheckRows(report: IacReport): CheckRow[] {
  return report.checks.flatMap(check =>
    check.findings.length === 0
      ? [checkRow(check)]
      : check.findings.map((finding, i) => ({
          id: `${check.id}-${i}`,
          title: check.title,
          outcome: finding.status,
          message: finding.address
            ? `${finding.message} (${finding.address})`
            : finding.message,
          remediation: finding.remediation,
          file: finding.file,
          line: finding.line,
        })),
  );
}

/** One row per check, whatever it found: the verdicts an approver weighs. */
export function iacVerdicts(report: IacReport): CheckRow[] {
  return report.checks.map(checkRow);
}

const STEP_OUTCOMES: Record<IacTerraformStep['status'], CheckOutcome> = {
  pass: 'pass',
  fail: 'fail',
  skipped: 'pending',
};

/** How a terraform step is labelled. */
export function stepOutcome(step: IacTerraformStep): CheckOutcome {
  return STEP_OUTCOMES[step.status];
}
