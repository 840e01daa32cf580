/*
 * Schemas of the plan around the resources: move groups, waves, shared services, cost summary,
 * compliance checks, schedule, advisor notes and the recorded inputs.
 */
import { z } from 'zod';
import { COMMITMENT_TYPES } from '../contract/values';
import {
  cloudSchema,
  commitmentAmountsSchema,
  complianceStatusSchema,
  riskLevelSchema,
} from './resourceSchemas';

export const moveGroupSchema = z.object({
  id: z.string(),
  members: z.array(z.string()),
  /** True when the members depend on each other in a cycle. */
  cyclic: z.boolean(),
  wave: z.number().int(),
  reason: z.string(),
});

export const waveSchema = z.object({
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

export const sharedServiceSchema = z.object({
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

export const costSummarySchema = z.object({
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

export const complianceCheckSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: complianceStatusSchema,
  message: z.string(),
  remediation: z.string().optional(),
  resourceIds: z.array(z.string()),
});

export const scheduleEntrySchema = z.object({
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

export const advisorSchema = z.object({
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

export const inputsSchema = z.object({
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
    /**
     * `shipped`: the dated catalog shipped with the assessment; `fetched`: the newest catalog the
     * scheduled refresh stored from the cloud's price source; `file`: the operator's catalog file.
     */
    origin: z.enum(['shipped', 'fetched', 'file']).optional(),
    /** When the stored catalog was read from its source (origin `fetched`). */
    fetchedAt: z.string().optional(),
    instanceTypes: z.number().int(),
  }),
  commitmentDiscounts: z.object({
    oneYear: z.number(),
    threeYear: z.number(),
    basis: z.string(),
  }),
  windowsLicensePerVcpuHour: z.number(),
  /** The commitment the requester reads the totals at (request option, else config). */
  commitmentTerm: z.enum(['none', '1y', '3y']).optional(),
  /** Reservation or savings plan prices for the 1- and 3-year totals (request option, else config). */
  commitmentType: z.enum(COMMITMENT_TYPES).optional(),
  /** The region's savings plan discounts, when the provider sells savings plans for instances. */
  savingsPlanDiscounts: z
    .object({ oneYear: z.number(), threeYear: z.number(), basis: z.string() })
    .optional(),
  /**
   * The discounts the 1- and 3-year columns were computed with: `reservation`, `savings-plan`,
   * or `committed-use` (Google Cloud, which has no savings plan for instances); `note` says why
   * when they are not the kind the requester chose.
   */
  commitmentPricing: z
    .object({
      requested: z.enum(COMMITMENT_TYPES),
      appliedAs: z.enum(['reservation', 'savings-plan', 'committed-use']),
      oneYear: z.number(),
      threeYear: z.number(),
      basis: z.string(),
      note: z.string().optional(),
    })
    .optional(),
  /** Windows licenses brought (request option, else config): license cost left out. */
  hybridBenefit: z.boolean().optional(),
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
