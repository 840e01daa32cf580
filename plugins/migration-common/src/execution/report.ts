/*
 * The final migration report (`report.json`).
 */
import type {
  Approval,
  MigrationStatus,
  MigrationTarget,
  PhaseStatus,
} from '../migration';
import type { BusinessCase } from '../assessment';
import type { MigrationPhase } from '../phases';
import type { CarbonEstimate } from './optimization';
import type { ValidationCheck, ValidationReport } from './validation';

/**
 * The migration report (`report.json`; `report.md` is its Markdown rendering).
 *
 * @public
 */
export interface MigrationReport {
  generatedAt: string;
  migration: {
    id: string;
    title: string;
    status: MigrationStatus;
    /** The phase running when the report was written (support, for the final report). */
    currentPhase?: MigrationPhase;
    owner: string;
    requestedBy: string;
    sourceEnvironmentId: string;
    target: MigrationTarget;
    createdAt: string;
    completedAt?: string;
  };
  rehearsal: {
    enabled: boolean;
    /** What was rehearsed and what would happen in a real run. */
    statements: string[];
  };
  moved: Array<{
    name: string;
    kind: 'data' | 'image' | 'snapshot' | 'infrastructure' | 'server' | 'dns';
    detail: string;
    bytes?: number;
    status: string;
  }>;
  costs: {
    currency: string;
    beforeMonthly?: number;
    afterMonthly?: number;
    deltaMonthly?: number;
    /** Savings recommended by the optimize phase, not yet applied. */
    recommendedSavingsMonthly?: number;
    source: string;
  };
  checks: {
    status?: ValidationReport['status'];
    summary?: ValidationReport['summary'];
    items: Array<
      Pick<ValidationCheck, 'id' | 'category' | 'name' | 'status' | 'message'>
    >;
  };
  deviations: Array<{
    phase?: MigrationPhase;
    severity: 'info' | 'warning' | 'error';
    description: string;
  }>;
  approvals: Array<
    Pick<Approval, 'phase' | 'status' | 'decidedBy' | 'decidedAt' | 'comment'>
  >;
  phases: Array<{
    phase: MigrationPhase;
    status: PhaseStatus;
    startedAt?: string;
    completedAt?: string;
    durationMs?: number;
  }>;
  carbon?: Pick<CarbonEstimate, 'kwhPerMonth' | 'kgCo2ePerMonth'>;
  /** The business case the specify phase worked out (`business-case.json`), when there is one. */
  businessCase?: BusinessCase;
}

/**
 * Response of `GET /migrations/{id}/reports`.
 *
 * @public
 */
export interface MigrationReportResponse {
  report: MigrationReport;
  markdown: string;
}
