/*
 * Schemas of one assessed resource: sizing, disk mapping, cost, risk and strategy.
 */
import { z } from 'zod';
import { RISK_LEVEL_VALUES, TARGET_PROVIDERS } from '../contract/values';
import { RESOURCE_KINDS } from '../resources';
import { MIGRATION_STRATEGIES } from './values';

/** Shared enums of the assessment schemas. */
export const riskLevelSchema = z.enum(RISK_LEVEL_VALUES);
export const confidenceSchema = z.enum(['high', 'medium', 'low']);
export const complianceStatusSchema = z.enum(['pass', 'warn', 'fail']);
export const cloudSchema = z.enum(TARGET_PROVIDERS);

/** Monthly amounts with and without commitment discounts. */
export const commitmentAmountsSchema = z.object({
  onDemand: z.number(),
  commit1y: z.number(),
  commit3y: z.number(),
});

export const riskFactorSchema = z.object({
  id: z.string().describe('One of RISK_FACTOR_IDS'),
  title: z.string(),
  points: z.number(),
  /** What in the inputs raised it. */
  detail: z.string(),
  mitigation: z.string(),
});

export const riskSchema = z.object({
  /** 0–100: the sum of the factors' points, capped at 100. */
  score: z.number().min(0).max(100),
  level: riskLevelSchema,
  factors: z.array(riskFactorSchema),
});

export const sizingSchema = z.object({
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
    /** Where the P95s were measured (`CloudWatch`, `Azure Monitor`, `Cloud Monitoring`). */
    source: z.string().optional(),
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

export const diskMappingSchema = z.object({
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

export const resourceCostSchema = z.object({
  compute: commitmentAmountsSchema,
  license: z.number(),
  storage: z.number(),
  total: commitmentAmountsSchema,
  /** Current monthly cost from `migration.assessment.currentCost`, when configured. */
  current: z.number().optional(),
  /** False for retired and retained resources: they do not count towards the target totals. */
  included: z.boolean(),
});

export const strategySchema = z.object({
  strategy: z.enum(MIGRATION_STRATEGIES),
  /** Id of the rule that fired, e.g. `powered-off`, `eol-os`, `database-server`. */
  rule: z.string(),
  reason: z.string(),
  /** Suggested target service, e.g. `Amazon RDS for SQL Server`. */
  targetService: z.string().optional(),
});

export const assessmentResourceSchema = z.object({
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
