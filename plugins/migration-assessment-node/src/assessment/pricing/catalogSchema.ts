import { TARGET_PROVIDERS } from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';

const regionPrices = z.record(z.string(), z.number().nonnegative());

const instanceTypeSchema = z.object({
  name: z.string().min(1),
  family: z.string().min(1),
  /** `general`, `compute`, `memory` or `burstable`. */
  category: z.string().min(1),
  vcpus: z.number().positive(),
  memoryGiB: z.number().positive(),
  architecture: z.enum(['x86_64', 'arm64']),
  /** Hourly on-demand Linux price by region; a type is offered only where it has a price. */
  prices: regionPrices,
});

const perGiBRegionPrice = z.object({
  perGiBMonth: z.number().nonnegative(),
  perProvisionedIopsMonth: z.number().nonnegative().optional(),
});

const storageClassSchema = z.discriminatedUnion('pricing', [
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    /** `general` is preferred; `performance` is used when the IOPS need it. */
    use: z.enum(['general', 'performance']),
    pricing: z.literal('per-GiB'),
    maxSizeGiB: z.number().positive(),
    iops: z.object({
      baseline: z.number().nonnegative(),
      perGiB: z.number().nonnegative(),
      max: z.number().positive(),
      /** IOPS above the baseline can be bought at `perProvisionedIopsMonth`. */
      provisionedAboveBaseline: z.boolean(),
    }),
    prices: z.record(z.string(), perGiBRegionPrice),
  }),
  z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    use: z.enum(['general', 'performance']),
    pricing: z.literal('tier'),
    maxSizeGiB: z.number().positive(),
    tiers: z
      .array(
        z.object({
          name: z.string().min(1),
          sizeGiB: z.number().positive(),
          iops: z.number().nonnegative(),
        }),
      )
      .min(1),
    prices: z.record(
      z.string(),
      z.object({ tiers: z.record(z.string(), z.number().nonnegative()) }),
    ),
  }),
]);

const discountsSchema = z.object({
  /** Fraction taken off the compute price for a 1-year commitment (0.35 = 35 % off). */
  oneYear: z.number().min(0).max(1),
  threeYear: z.number().min(0).max(1),
  /** Where the figures come from, with its date. */
  basis: z.string().min(1),
});

/**
 * Schema of a price catalog file (`data/pricing/<provider>.json`, or `migration.assessment.catalogFile`).
 */
export const priceCatalogSchema = z.object({
  provider: z.enum(TARGET_PROVIDERS),
  currency: z.string().min(1),
  /** Date the prices were taken from the source. */
  asOf: z.string().min(1),
  source: z.string().min(1),
  notes: z.string().optional(),
  hoursPerMonth: z.number().positive(),
  windowsLicensePerVcpuHour: z.number().nonnegative(),
  windowsLicenseBasis: z.string().optional(),
  /** Reservations (GCP: resource-based committed use): fraction off the compute price. */
  commitmentDiscounts: discountsSchema,
  /**
   * Savings plans (Azure savings plan for compute, AWS Compute Savings Plans). Absent for a
   * provider without savings plans for instances (Google Cloud): a savings plan request is
   * priced with `commitmentDiscounts` there, and the assessment says so.
   */
  savingsPlanDiscounts: discountsSchema.optional(),
  regions: z.record(z.string(), z.object({ name: z.string() })),
  instanceTypes: z.array(instanceTypeSchema).min(1),
  storageClasses: z.array(storageClassSchema).min(1),
  objectStorage: z
    .object({
      id: z.string(),
      name: z.string(),
      prices: z.record(z.string(), z.object({ perGiBMonth: z.number() })),
    })
    .optional(),
});

/** A validated price catalog of one provider. */
export type PriceCatalogDocument = z.infer<typeof priceCatalogSchema>;
/** One storage class of a catalog. */
export type StorageClassDocument =
  PriceCatalogDocument['storageClasses'][number];
