import type {
  Assessment,
  AuditEvent,
  BusinessCase,
  BuildReport,
  DnsCutoverArtifact,
  Migration,
  MigrationPhaseState,
  MigrationReport,
  OptimizationReport,
  SupportConfiguration,
  TransferArtifact,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import { reportDeviations } from './deviations';
import { movedItems } from './movedItems';
import { reportCosts } from './reportCosts';

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
  businessCase?: BusinessCase;
  build?: BuildReport;
  transfer?: TransferArtifact;
  dnsCutover?: DnsCutoverArtifact;
  validation?: ValidationReport;
  optimization?: OptimizationReport;
  support?: SupportConfiguration;
  now?: Date;
}

const ms = (from?: string, to?: string) =>
  from && to ? Math.max(0, Date.parse(to) - Date.parse(from)) : undefined;

/** What a rehearsal did in place of the irreversible steps. */
function rehearsalStatements(input: ReportInput): string[] {
  if (input.migration.options.rehearsal !== true) return [];
  const statements = [
    'This migration ran as a rehearsal: every phase ran up to its last irreversible call and nothing at the target was changed.',
    ...(input.build?.statements ?? []),
    ...(input.transfer?.statements ?? []),
  ];
  if (input.dnsCutover) {
    statements.push(
      `No DNS record was changed; a real cutover would switch ${input.dnsCutover.records.length} record(s) as the DNS cutover plan lists.`,
    );
  }
  return statements;
}

function checksOf(
  validation: ValidationReport | undefined,
): MigrationReport['checks'] {
  return {
    status: validation?.status,
    summary: validation?.summary,
    items: (validation?.checks ?? []).map(c => ({
      id: c.id,
      category: c.category,
      name: c.name,
      status: c.status,
      message: c.message,
    })),
  };
}

function migrationOf(migration: Migration): MigrationReport['migration'] {
  return {
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
  };
}

/**
 * Assembles the migration report: what was moved, costs before and after, checks, deviations,
 * approvals with who gave them, timings per phase, and — for rehearsals — what was rehearsed and
 * what a real run would do.
 *
 * @public
 */
export function buildMigrationReport(input: ReportInput): MigrationReport {
  const { phases, optimization } = input;
  return {
    generatedAt: (input.now ?? new Date()).toISOString(),
    migration: migrationOf(input.migration),
    rehearsal: {
      enabled: input.migration.options.rehearsal === true,
      statements: rehearsalStatements(input),
    },
    moved: movedItems(input.transfer, input.build, input.dnsCutover),
    costs: reportCosts(input.assessment, optimization),
    checks: checksOf(input.validation),
    deviations: reportDeviations(input),
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
    ...(input.businessCase ? { businessCase: input.businessCase } : {}),
  };
}
