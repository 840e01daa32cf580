/*
 * The `assessment.json` artifact: what the plan and specify phases (and `POST /analyze`) work out
 * for a selection of resources and a target. Every number in it can be traced back to the inputs
 * recorded in `inputs` and the per-resource `sizing` / `disks` / `cost` blocks; see docs/assessment.md.
 */
import { z } from 'zod';
import { COMPLIANCE_PROFILES, RISK_TOLERANCES } from '../contract/values';
import {
  advisorSchema,
  complianceCheckSchema,
  costSummarySchema,
  inputsSchema,
  moveGroupSchema,
  scheduleEntrySchema,
  sharedServiceSchema,
  waveSchema,
} from './planSchemas';
import {
  assessmentResourceSchema,
  cloudSchema,
  commitmentAmountsSchema,
  riskFactorSchema,
  riskLevelSchema,
} from './resourceSchemas';
import { ASSESSMENT_SCHEMA_VERSION } from './values';

/**
 * Zod schema of the `assessment.json` artifact.
 *
 * @public
 */
export const assessmentSchema = z.object({
  schemaVersion: z.literal(ASSESSMENT_SCHEMA_VERSION),
  /** `plan`: dependencies, waves, risks, strategy and compliance; `specify` and `preview` add sizing, cost and schedule. */
  stage: z.enum(['plan', 'specify', 'preview']),
  generatedAt: z.string(),
  migrationId: z.string().optional(),
  sourceEnvironmentId: z.string().optional(),
  target: z.object({
    provider: cloudSchema,
    region: z.string(),
    environmentId: z.string().optional(),
  }),
  options: z.object({
    complianceProfile: z.enum(COMPLIANCE_PROFILES),
    riskTolerance: z.enum(RISK_TOLERANCES).optional(),
    maintenanceWindows: z.array(z.string()),
  }),
  /** Security settings the target is planned with; the IaC generator carries them out. */
  security: z.object({
    encryptionAtRest: z.boolean(),
    encryptionInTransit: z.boolean(),
    auditLogging: z.boolean(),
  }),
  inputs: inputsSchema,
  summary: z.object({
    resources: z.number().int(),
    byKind: z.record(z.string(), z.number()),
    byStrategy: z.record(z.string(), z.number()),
    waves: z.number().int(),
    moveGroups: z.number().int(),
    cyclicMoveGroups: z.number().int(),
    sharedServices: z.number().int(),
    /** Names of the resources running an end-of-life operating system. */
    endOfLifeSystems: z.array(z.string()),
    dataGiB: z.number(),
  }),
  resources: z.array(assessmentResourceSchema),
  moveGroups: z.array(moveGroupSchema),
  waves: z.array(waveSchema),
  sharedServices: z.array(sharedServiceSchema),
  dependencies: z.object({
    /** `from` depends on `to` (both in the selection). */
    edges: z.array(z.object({ from: z.string(), to: z.string() })),
    /** `from` depends on `to`, which is not part of the selection. */
    unresolved: z.array(z.object({ from: z.string(), to: z.string() })),
  }),
  cost: costSummarySchema.optional(),
  risk: z.object({
    score: z.number().min(0).max(100),
    level: riskLevelSchema,
    /** How `score` was computed from the resources' scores. */
    formula: z.string(),
    /** Migration-wide factors (e.g. the target region against the profile's residency). */
    factors: z.array(riskFactorSchema),
    tolerance: z
      .object({
        level: z.enum(RISK_TOLERANCES),
        maxScore: z.number(),
        exceeding: z.array(z.string()),
      })
      .optional(),
  }),
  compliance: z.object({
    profile: z.enum(COMPLIANCE_PROFILES),
    summary: z.object({ pass: z.number(), warn: z.number(), fail: z.number() }),
    checks: z.array(complianceCheckSchema),
  }),
  schedule: z
    .object({
      bandwidthMbps: z.number(),
      entries: z.array(scheduleEntrySchema),
      totalTransferHours: z.number(),
      totalCutoverMinutes: z.number(),
      completesAt: z.string().optional(),
    })
    .optional(),
  advisor: advisorSchema,
  warnings: z.array(z.string()),
});

/**
 * The `assessment.json` artifact and the response of `POST /api/migration/analyze`.
 *
 * @public
 */
export type Assessment = z.infer<typeof assessmentSchema>;
/** @public */
export type AssessmentResource = Assessment['resources'][number];
/** @public */
export type AssessmentWave = Assessment['waves'][number];
/** @public */
export type AssessmentMoveGroup = Assessment['moveGroups'][number];
/** @public */
export type AssessmentSharedService = Assessment['sharedServices'][number];
/** @public */
export type AssessmentSizing = NonNullable<AssessmentResource['sizing']>;
/** @public */
export type AssessmentDiskMapping = AssessmentResource['disks'][number];
/** @public */
export type AssessmentResourceCost = NonNullable<AssessmentResource['cost']>;
/** @public */
export type AssessmentCostSummary = NonNullable<Assessment['cost']>;
/** @public */
export type AssessmentRisk = AssessmentResource['risk'];
/** @public */
export type AssessmentRiskFactor = AssessmentRisk['factors'][number];
/** @public */
export type AssessmentStrategy = AssessmentResource['strategy'];
/** @public */
export type AssessmentComplianceCheck =
  Assessment['compliance']['checks'][number];
/** @public */
export type AssessmentSchedule = NonNullable<Assessment['schedule']>;
/** @public */
export type AssessmentScheduleEntry = AssessmentSchedule['entries'][number];
/** @public */
export type AssessmentAdvisor = Assessment['advisor'];
/** @public */
export type AssessmentInputs = Assessment['inputs'];
/** @public */
export type CommitmentAmounts = z.infer<typeof commitmentAmountsSchema>;

/**
 * Parses and validates an `assessment.json` document.
 *
 * @public
 */
export function parseAssessment(value: unknown): Assessment {
  return assessmentSchema.parse(value);
}
