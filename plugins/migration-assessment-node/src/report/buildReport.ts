import type {
  Assessment,
  AuditEvent,
  BuildReport,
  DnsCutoverPlan,
  Migration,
  MigrationPhaseState,
  MigrationReport,
  OptimizationReport,
  SupportConfiguration,
  TransferReport,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Everything the report is made from; each part is optional, since a migration may have stopped
 * before producing it.
 *
 * @public
 */
export interface ReportInput {
  migration: Migration;
  phases: MigrationPhaseState[];
  events?: AuditEvent[];
  assessment?: Assessment;
  build?: BuildReport;
  transfer?: TransferReport;
  dnsCutover?: DnsCutoverPlan;
  validation?: ValidationReport;
  optimization?: OptimizationReport;
  support?: SupportConfiguration;
  now?: Date;
}

const ms = (from?: string, to?: string) =>
  from && to ? Math.max(0, Date.parse(to) - Date.parse(from)) : undefined;

/**
 * Assembles the migration report: what was moved, costs before and after, checks, deviations,
 * approvals with who gave them, timings per phase, and — for rehearsals — what was rehearsed and
 * what a real run would do.
 *
 * @public
 */
export function buildMigrationReport(input: ReportInput): MigrationReport {
  const {
    migration,
    phases,
    build,
    transfer,
    validation,
    optimization,
    assessment,
  } = input;
  const rehearsal = migration.options.rehearsal === true;

  const moved: MigrationReport['moved'] = [];
  for (const object of transfer?.status.objects ?? []) {
    moved.push({
      name: object.name,
      kind: 'data',
      detail: `${object.source} → ${object.target}${
        object.sha256 ? ` (sha256 ${object.sha256})` : ''
      }`,
      bytes: object.totalBytes,
      status: object.verified ? 'verified' : object.state,
    });
  }
  for (const copy of transfer?.imageCopies ?? []) {
    moved.push({
      name: copy.resource,
      kind: copy.kind,
      detail: `${copy.sourceId} (${copy.sourceRegion}) → ${
        copy.targetId ?? '—'
      } (${copy.targetRegion})`,
      status: copy.state,
    });
  }
  for (const wave of build?.waves ?? []) {
    const creates = wave.resources.filter(
      r => r.action === 'create' || r.action === 'replace',
    );
    moved.push({
      name: wave.wave,
      kind: 'infrastructure',
      detail: `${creates.length} resource(s) to create, ${wave.resources.length} planned in total`,
      status: wave.mode,
    });
  }

  const cost = assessment?.cost;
  const after = cost?.total.onDemand;
  const before = cost?.current;
  const costs: MigrationReport['costs'] = {
    currency: cost?.currency ?? optimization?.currency ?? 'USD',
    beforeMonthly: before,
    afterMonthly: after,
    deltaMonthly:
      before !== undefined && after !== undefined ? after - before : undefined,
    recommendedSavingsMonthly: optimization?.totalEstimatedMonthlySavings,
    source: cost
      ? `Assessment of ${
          assessment!.generatedAt
        }: target on-demand prices from the ${
          assessment!.inputs.priceCatalog?.source ?? 'price catalog'
        }${
          before === undefined
            ? '; no current cost was configured (migration.assessment.currentCost)'
            : ''
        }`
      : 'No assessment with costs was stored',
  };

  const deviations: MigrationReport['deviations'] = [];
  for (const phase of phases) {
    for (const task of phase.tasks) {
      if (task.mode !== 'run') continue;
      if (task.status === 'failed') {
        deviations.push({
          phase: phase.phase,
          severity: 'error',
          description: `Task "${task.title}" failed: ${
            task.error ?? 'no message'
          }`,
        });
      } else if (task.attempts > 1) {
        deviations.push({
          phase: phase.phase,
          severity: 'warning',
          description: `Task "${task.title}" needed ${task.attempts} attempts`,
        });
      }
    }
    if (phase.approval?.status === 'rejected') {
      deviations.push({
        phase: phase.phase,
        severity: 'error',
        description: `Approval rejected by ${phase.approval.decidedBy}: ${
          phase.approval.comment ?? ''
        }`,
      });
    }
    if (phase.status === 'skipped') {
      deviations.push({
        phase: phase.phase,
        severity: 'info',
        description: 'Phase skipped (nothing applied to this migration)',
      });
    }
  }
  const retried = transfer?.status.errors.filter(e => e.retried) ?? [];
  if (retried.length) {
    deviations.push({
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
  for (const check of validation?.checks ?? []) {
    if (check.status === 'failed' || check.status === 'warning') {
      deviations.push({
        phase: 'validate',
        severity: check.status === 'failed' ? 'error' : 'warning',
        description: `${check.name}: ${check.message}`,
      });
    }
  }
  for (const wave of build?.waves ?? []) {
    for (const r of wave.resources.filter(x => x.status === 'failed')) {
      deviations.push({
        phase: 'build',
        severity: 'error',
        description: `${r.address}: ${r.message ?? 'failed'}`,
      });
    }
  }
  for (const warning of input.dnsCutover?.warnings ?? []) {
    deviations.push({
      phase: 'transfer',
      severity: 'warning',
      description: `DNS cutover: ${warning}`,
    });
  }

  const statements: string[] = [];
  if (rehearsal) {
    statements.push(
      'This migration ran as a rehearsal: every phase ran up to its last irreversible call and nothing at the target was changed.',
      ...(build?.statements ?? []),
      ...(transfer?.statements ?? []),
    );
    if (input.dnsCutover) {
      statements.push(
        `No DNS record was changed; a real cutover would switch ${input.dnsCutover.records.length} record(s) as the DNS cutover plan lists.`,
      );
    }
  }

  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    migration: {
      id: migration.id,
      title: migration.title,
      status: migration.status,
      currentPhase: migration.currentPhase,
      owner: migration.owner,
      requestedBy: migration.requestedBy,
      sourceEnvironmentId: migration.sourceEnvironmentId,
      target: migration.target,
      createdAt: migration.createdAt,
      completedAt: migration.completedAt,
    },
    rehearsal: { enabled: rehearsal, statements },
    moved,
    costs,
    checks: {
      status: validation?.status,
      summary: validation?.summary,
      items: (validation?.checks ?? []).map(c => ({
        id: c.id,
        category: c.category,
        name: c.name,
        status: c.status,
        message: c.message,
      })),
    },
    deviations,
    approvals: phases
      .filter(p => p.approval)
      .map(p => ({
        phase: p.approval!.phase,
        status: p.approval!.status,
        decidedBy: p.approval!.decidedBy,
        decidedAt: p.approval!.decidedAt,
        comment: p.approval!.comment,
      })),
    phases: phases.map(p => ({
      phase: p.phase,
      status: p.status,
      startedAt: p.startedAt,
      completedAt: p.completedAt,
      durationMs: ms(p.startedAt, p.completedAt),
    })),
    carbon: optimization?.carbon
      ? {
          kwhPerMonth: optimization.carbon.kwhPerMonth,
          kgCo2ePerMonth: optimization.carbon.kgCo2ePerMonth,
        }
      : undefined,
  };
}
