/*
 * The `assessment.json` artifact: what the plan and specify phases (and `POST /analyze`) work out
 * for a selection of resources and a target. Every number in it can be traced back to the inputs
 * recorded in `inputs` and the per-resource `sizing` / `disks` / `cost` blocks; see docs/assessment.md.
 */
import { z } from 'zod';
import { RESOURCE_KINDS } from './resources';

/**
 * Version of the `assessment.json` format.
 *
 * @public
 */
export const ASSESSMENT_SCHEMA_VERSION = 1;

/**
 * The seven migration strategies ("7 Rs").
 *
 * @public
 */
export const MIGRATION_STRATEGIES = [
  'rehost',
  'replatform',
  'refactor',
  'repurchase',
  'retire',
  'retain',
  'relocate',
] as const;

/** @public */
export type MigrationStrategy = (typeof MIGRATION_STRATEGIES)[number];

/**
 * Named risk factors the rules can raise. Each comes with points and a mitigation.
 *
 * @public
 */
export const RISK_FACTOR_IDS = [
  'os-end-of-life',
  'os-approaching-end-of-life',
  'os-unsupported-on-target',
  'disk-over-target-limit',
  'high-fan-in',
  'public-exposure',
  'admin-port-open-to-internet',
  'missing-utilization',
  'licensing-windows',
  'licensing-sql-server',
  'data-residency-conflict',
  'cyclic-dependency',
  'unresolved-dependency',
] as const;

/** @public */
export type RiskFactorId = (typeof RISK_FACTOR_IDS)[number];

const riskLevelSchema = z.enum(['low', 'medium', 'high']);
const confidenceSchema = z.enum(['high', 'medium', 'low']);
const complianceStatusSchema = z.enum(['pass', 'warn', 'fail']);
const cloudSchema = z.enum(['aws', 'azure', 'gcp']);

/** Monthly amounts with and without commitment discounts. */
const commitmentAmountsSchema = z.object({
  onDemand: z.number(),
  commit1y: z.number(),
  commit3y: z.number(),
});

const riskFactorSchema = z.object({
  id: z.string().describe('One of RISK_FACTOR_IDS'),
  title: z.string(),
  points: z.number(),
  /** What in the inputs raised it. */
  detail: z.string(),
  mitigation: z.string(),
});

const riskSchema = z.object({
  /** 0–100: the sum of the factors' points, capped at 100. */
  score: z.number().min(0).max(100),
  level: riskLevelSchema,
  factors: z.array(riskFactorSchema),
});

const sizingSchema = z.object({
  /** `utilization`: P95 × comfort factor; `allocated`: the source's allocated size as-is. */
  basis: z.enum(['utilization', 'allocated']),
  confidence: confidenceSchema,
  /** The numbers the sizing came from. */
  inputs: z.object({
    vcpus: z.number().optional(),
    memoryGiB: z.number().optional(),
    cpuP95: z.number().optional(),
    memP95: z.number().optional(),
    samples: z.number().optional(),
    window: z.string().optional(),
    comfortFactor: z.number(),
    architecture: z.enum(['x86_64', 'arm64']),
  }),
  /** What the target must at least provide. */
  required: z.object({ vcpus: z.number(), memoryGiB: z.number() }),
  instanceType: z.string(),
  family: z.string(),
  vcpus: z.number(),
  memoryGiB: z.number(),
  architecture: z.enum(['x86_64', 'arm64']),
  /** On-demand hourly price of the instance (Linux), from the price catalog. */
  hourlyPrice: z.number(),
  /** Hourly license surcharge included on the target (Windows), 0 otherwise. */
  hourlyLicensePrice: z.number(),
  /** False when no catalog type is large enough; the largest one was taken. */
  fits: z.boolean(),
  reason: z.string(),
});

const diskMappingSchema = z.object({
  name: z.string().optional(),
  sourceType: z.string().optional(),
  sizeGiB: z.number(),
  usedGiB: z.number().optional(),
  /** Target storage class id, e.g. `gp3`, `premium-ssd`, `pd-balanced`. */
  storageClass: z.string(),
  storageClassName: z.string(),
  /** `per-GiB`: price × size; `tier`: the smallest tier that holds the disk (Azure managed disks). */
  pricing: z.enum(['per-GiB', 'tier']),
  tier: z.string().optional(),
  /** Size billed: the disk's size, or the tier's size. */
  billedGiB: z.number(),
  pricePerGiBMonth: z.number().optional(),
  monthlyPrice: z.number(),
  maxSizeGiB: z.number(),
  withinLimit: z.boolean(),
  reason: z.string(),
});

const resourceCostSchema = z.object({
  compute: commitmentAmountsSchema,
  license: z.number(),
  storage: z.number(),
  total: commitmentAmountsSchema,
  /** Current monthly cost from `migration.assessment.currentCost`, when configured. */
  current: z.number().optional(),
  /** False for retired and retained resources: they do not count towards the target totals. */
  included: z.boolean(),
});

const strategySchema = z.object({
  strategy: z.enum(MIGRATION_STRATEGIES),
  /** Id of the rule that fired, e.g. `powered-off`, `eol-os`, `database-server`. */
  rule: z.string(),
  reason: z.string(),
  /** Suggested target service, e.g. `Amazon RDS for SQL Server`. */
  targetService: z.string().optional(),
});

const assessmentResourceSchema = z.object({
  /** The resource's external id (as in `dependsOn`). */
  id: z.string(),
  name: z.string(),
  kind: z.enum(RESOURCE_KINDS),
  entityRef: z.string().optional(),
  provider: z.string(),
  environmentId: z.string(),
  region: z.string().optional(),
  /** From the `system` or `app` tag. */
  system: z.string().optional(),
  /** The resource's tags, without keys or values that look like credentials. Untrusted text. */
  tags: z.record(z.string(), z.string()).optional(),
  os: z
    .object({
      family: z.enum(['windows', 'linux', 'other']),
      name: z.string().optional(),
      version: z.string().optional(),
    })
    .optional(),
  powerState: z.string().optional(),
  /** Dependencies inside the selection. */
  dependsOn: z.array(z.string()),
  /** Dependencies that are not part of the selection (they stay where they are). */
  unresolvedDependencies: z.array(z.string()),
  /** Number of resources in the selection that depend on this one. */
  fanIn: z.number(),
  moveGroup: z.string(),
  wave: z.number().int(),
  /** Data to move in GiB (used size when known, else provisioned). */
  dataGiB: z.number(),
  /** For a disk attached to a selected VM: that VM's id; the VM carries its cost. */
  attachedTo: z.string().optional(),
  sizing: sizingSchema.optional(),
  disks: z.array(diskMappingSchema),
  cost: resourceCostSchema.optional(),
  risk: riskSchema,
  strategy: strategySchema,
});

const moveGroupSchema = z.object({
  id: z.string(),
  members: z.array(z.string()),
  /** True when the members depend on each other in a cycle. */
  cyclic: z.boolean(),
  wave: z.number().int(),
  reason: z.string(),
});

const waveSchema = z.object({
  /** `wave-1`, `wave-2`, ... */
  id: z.string(),
  number: z.number().int().min(1),
  members: z.array(z.string()),
  moveGroups: z.array(z.string()),
  /** Earlier waves this one needs (its members depend on theirs). */
  dependsOnWaves: z.array(z.number().int()),
  reasons: z.array(z.string()),
  dataGiB: z.number(),
  /** Data volume / bandwidth. */
  transferHours: z.number(),
  /** Estimated downtime of the wave's cutover. */
  cutoverMinutes: z.number(),
  cost: commitmentAmountsSchema.optional(),
});

const sharedServiceSchema = z.object({
  resourceId: z.string(),
  name: z.string(),
  fanIn: z.number(),
  dependents: z.array(z.string()),
  wave: z.number().int(),
  recommendation: z.enum(['move-first', 'keep-hybrid-connectivity']),
  reason: z.string(),
  options: z.array(
    z.object({
      choice: z.enum(['move-first', 'keep-hybrid-connectivity']),
      description: z.string(),
    }),
  ),
});

const costSummarySchema = z.object({
  currency: z.string(),
  compute: commitmentAmountsSchema,
  license: z.number(),
  storage: z.number(),
  total: commitmentAmountsSchema,
  /** Current monthly cost of the selection, when `migration.assessment.currentCost` is configured. */
  current: z.number().optional(),
  /** current − total: positive means the target is cheaper. */
  savings: commitmentAmountsSchema.optional(),
});

const complianceCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: complianceStatusSchema,
  message: z.string(),
  remediation: z.string().optional(),
  resourceIds: z.array(z.string()),
});

const scheduleEntrySchema = z.object({
  wave: z.number().int(),
  status: z.enum(['scheduled', 'does-not-fit', 'no-window']),
  /** The maintenance window used, as given (`start/end`). */
  window: z.string().optional(),
  replicationStart: z.string().optional(),
  replicationEnd: z.string().optional(),
  cutoverStart: z.string().optional(),
  cutoverEnd: z.string().optional(),
  transferHours: z.number(),
  cutoverMinutes: z.number(),
  note: z.string(),
});

const advisorSchema = z.object({
  /** `disabled`: rules only by configuration; `ok`: notes added; `fallback`: the advisor failed. */
  status: z.enum(['disabled', 'ok', 'fallback']),
  provider: z.enum(['none', 'openai', 'anthropic']),
  model: z.string().optional(),
  tokens: z
    .object({ input: z.number(), output: z.number(), total: z.number() })
    .optional(),
  latencyMs: z.number().optional(),
  /** Why it fell back to rules only. */
  reason: z.string().optional(),
  summary: z.string().optional(),
  waveNotes: z.array(z.object({ wave: z.number().int(), note: z.string() })),
  extraRisks: z.array(
    z.object({
      title: z.string(),
      detail: z.string(),
      severity: riskLevelSchema,
      resourceIds: z.array(z.string()),
    }),
  ),
  /** Items of the advisor's answer dropped because they named unknown resources or waves. */
  discarded: z.number().optional(),
});

const inputsSchema = z.object({
  currency: z.string(),
  hoursPerMonth: z.number(),
  comfortFactor: z.number(),
  minVcpus: z.number(),
  minMemoryGiB: z.number(),
  maxWaveSize: z.number().int(),
  sharedServiceMinFanIn: z.number().int(),
  bandwidthMbps: z.number(),
  cutover: z.object({
    baseMinutes: z.number(),
    perResourceMinutes: z.number(),
    changeRatePercent: z.number(),
  }),
  priceCatalog: z.object({
    provider: cloudSchema,
    region: z.string(),
    asOf: z.string(),
    source: z.string(),
    /** Set when the catalog came from `migration.assessment.catalogFile`. */
    overrideFile: z.string().optional(),
    instanceTypes: z.number().int(),
  }),
  commitmentDiscounts: z.object({
    oneYear: z.number(),
    threeYear: z.number(),
    basis: z.string(),
  }),
  windowsLicensePerVcpuHour: z.number(),
  currentCost: z
    .object({
      perVcpuMonth: z.number(),
      perGiBMemoryMonth: z.number(),
      perGiBDiskMonth: z.number(),
    })
    .optional(),
  osLifecycleAsOf: z.string(),
  /** The date EOL was judged against (the assessment's date). */
  evaluatedAt: z.string(),
});

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
    complianceProfile: z.enum(['none', 'gdpr', 'soc2', 'hipaa']),
    riskTolerance: z.enum(['low', 'medium', 'high']).optional(),
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
        level: z.enum(['low', 'medium', 'high']),
        maxScore: z.number(),
        exceeding: z.array(z.string()),
      })
      .optional(),
  }),
  compliance: z.object({
    profile: z.enum(['none', 'gdpr', 'soc2', 'hipaa']),
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
