import type {
  MigrationPhaseState,
  MigrationReport,
} from '@sirsi-nexus/plugin-migration-common';
import type { ReportInput } from './buildReport';

type Deviation = MigrationReport['deviations'][number];

/** Failed or retried tasks (real runs only), rejected approvals and skipped phases. */
function phaseDeviations(phase: MigrationPhaseState): Deviation[] {
  const found: Deviation[] = [];
  for (const task of phase.tasks) {
    if (task.mode !== 'run') continue;
    if (task.status === 'failed') {
      found.push({
        phase: phase.phase,
        severity: 'error',
        description: `Task "${task.title}" failed: ${
          task.error ?? 'no message'
        }`,
      });
    } else if (task.attempts > 1) {
      found.push({
        phase: phase.phase,
        severity: 'warning',
        description: `Task "${task.title}" needed ${task.attempts} attempts`,
      });
    }
  }
  if (phase.approval?.status === 'rejected') {
    found.push({
      phase: phase.phase,
      severity: 'error',
      description: `Approval rejected by ${phase.approval.decidedBy}: ${
        phase.approval.comment ?? ''
      }`,
    });
  }
  if (phase.status === 'skipped') {
    found.push({
      phase: phase.phase,
      severity: 'info',
      description: 'Phase skipped (nothing applied to this migration)',
    });
  }
  return found;
}

/** Retried transfers, checks that did not pass, failed resources and DNS cutover warnings. */
function outcomeDeviations(input: ReportInput): Deviation[] {
  const found: Deviation[] = [];
  const retried = input.transfer?.status.errors.filter(e => e.retried) ?? [];
  if (retried.length) {
    found.push({
      phase: 'transfer',
      severity: 'warning',
      description: `${
        retried.length
      } chunk transfer(s) or verification(s) failed and were retried (${retried
        .slice(0, 3)
        .map(e => e.message)
        .join('; ')})`,
    });
  }
  for (const check of input.validation?.checks ?? []) {
    if (check.status === 'failed' || check.status === 'warning') {
      found.push({
        phase: 'validate',
        severity: check.status === 'failed' ? 'error' : 'warning',
        description: `${check.name}: ${check.message}`,
      });
    }
  }
  for (const wave of input.build?.waves ?? []) {
    for (const r of wave.resources.filter(x => x.status === 'failed')) {
      found.push({
        phase: 'build',
        severity: 'error',
        description: `${r.address}: ${r.message ?? 'failed'}`,
      });
    }
  }
  for (const warning of input.dnsCutover?.warnings ?? []) {
    found.push({
      phase: 'transfer',
      severity: 'warning',
      description: `DNS cutover: ${warning}`,
    });
  }
  return found;
}

/** Everything that did not go as planned, phase by phase and then by outcome. */
export function reportDeviations(input: ReportInput): Deviation[] {
  return [
    ...input.phases.flatMap(phaseDeviations),
    ...outcomeDeviations(input),
  ];
}
