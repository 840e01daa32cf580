import type {
  ChecksArtifact,
  ValidationCheck,
  ValidationReport,
  ValidationStatus,
} from '@sirsi-nexus/plugin-migration-common';

/** How a check is shown: the five states the status labels have. */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'pending' | 'running';

/** One row of a checks table, made from whichever artifact holds the check. */
export interface CheckRow {
  id: string;
  title: string;
  outcome: CheckOutcome;
  category?: string;
  message?: string;
  remediation?: string;
  /** File in the IaC bundle the check points at. */
  file?: string;
  line?: number;
  /** What was probed (host:port, URL, object) when not a file. */
  target?: string;
  metrics?: Record<string, unknown>;
}

/** Passed, warning and failed rows. */
export function countOutcomes(checks: CheckRow[]) {
  return {
    pass: checks.filter(c => c.outcome === 'pass').length,
    warn: checks.filter(c => c.outcome === 'warn').length,
    fail: checks.filter(c => c.outcome === 'fail').length,
  };
}

const VALIDATION_OUTCOMES: Record<ValidationStatus, CheckOutcome> = {
  passed: 'pass',
  warning: 'warn',
  failed: 'fail',
  pending: 'pending',
  running: 'running',
};

/** The rows of `validation.json`: one per post-migration check. */
export function validationCheckRows(report: ValidationReport): CheckRow[] {
  return report.checks.map((check: ValidationCheck) => ({
    id: check.id,
    title: check.name,
    outcome: VALIDATION_OUTCOMES[check.status],
    category: check.category,
    message: check.message,
    remediation: check.remediation,
    target: check.target,
    metrics: check.metrics,
  }));
}

/** The rows of `readiness-checks.json` or an `environment-<id>.json`. */
export function environmentCheckRows(report: ChecksArtifact): CheckRow[] {
  return report.checks.map(check => ({
    id: check.id,
    title: check.title,
    outcome: check.status,
    message: check.message,
    remediation: check.remediation,
  }));
}
