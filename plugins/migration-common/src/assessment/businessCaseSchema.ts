/*
 * The `business-case.json` artifact: on-prem cost against the cloud over one, three and five
 * years, year by year with the migration's one-off cost, the break-even point and the servers
 * that could be retired instead of moved. See docs/assessment.md ("Business case").
 */
import { z } from 'zod';
import { MIGRATION_STRATEGIES } from './values';

const money = z.number().finite();

/** The commitment options a business case can price the cloud with. */
const commitmentSchema = z.enum(['onDemand', 'commit1y', 'commit3y']);

/** One year of the cash flow: what each scenario spends in that year and in total so far. */
const businessCaseYearSchema = z.object({
  /** 1 to 5. */
  year: z.number().int().min(1).max(5),
  /** Keeping the estate on-prem for the year. */
  onPrem: money,
  /** Running the moved estate in the cloud for the year (without the one-off cost). */
  cloud: money,
  /** One-off migration cost paid in the year (year 1 only). */
  oneOff: money,
  /** onPrem − (cloud + oneOff): positive when the cloud is cheaper that year. */
  netCashFlow: money,
  cumulativeOnPrem: money,
  /** Cloud running cost plus the one-off cost, accumulated. */
  cumulativeCloud: money,
  /** cumulativeOnPrem − cumulativeCloud. */
  cumulativeSavings: money,
});

const retireCandidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  entityRef: z.string().optional(),
  /** `powered-off`: the source reports it stopped; `idle`: CPU P95 below the threshold. */
  reason: z.enum(['powered-off', 'idle']),
  /** The input that made it a candidate, e.g. `CPU P95 2 % < 5 %`. */
  detail: z.string(),
  /** The strategy the assessment chose for it (`retire` when a rule already retires it). */
  plannedStrategy: z.enum(MIGRATION_STRATEGIES),
  /** Its monthly on-prem cost: what retiring it saves against keeping it. */
  monthlySaving: money,
  /** What the plan spends on it in the cloud each month (0 when it is already retired). */
  cloudMonthly: money,
});

/**
 * Zod schema of the `business-case.json` artifact.
 *
 * @public
 */
export const businessCaseSchema = z.object({
  schemaVersion: z.literal(1),
  generatedAt: z.string(),
  currency: z.string(),
  /**
   * `complete` when the on-prem cost is known (configured rates or per-server figures);
   * `no-on-prem-cost` otherwise: the cloud side and the one-off cost stand alone.
   */
  status: z.enum(['complete', 'no-on-prem-cost']),
  /** Why the business case is incomplete, when it is. */
  reason: z.string().optional(),
  /** The cloud price the cash flow uses. */
  commitment: commitmentSchema,
  /** Every rate and threshold the figures came from. */
  inputs: z.object({
    onPremRates: z
      .object({
        perVcpuMonth: money,
        perGiBMemoryMonth: money,
        perGiBDiskMonth: money,
      })
      .optional(),
    facilityOverheadPercent: z.number().min(0),
    licensePerServerMonth: money,
    idleCpuP95Percent: z.number().min(0).max(100),
    oneOffPerServer: z.record(z.enum(MIGRATION_STRATEGIES), money),
    /** Servers whose on-prem cost came from their own `on-prem-monthly-cost` tag. */
    serversWithOwnCost: z.number().int().min(0),
  }),
  monthly: z.object({
    /** The estate as it runs today, overheads included (retained servers left out of both sides). */
    onPrem: money,
    /** The moved estate in the cloud at the chosen commitment. */
    cloud: money,
  }),
  oneOff: z.object({
    total: money,
    byStrategy: z.array(
      z.object({
        strategy: z.enum(MIGRATION_STRATEGIES),
        servers: z.number().int().min(0),
        perServer: money,
        total: money,
      }),
    ),
  }),
  years: z.array(businessCaseYearSchema).length(5),
  /** Totals over one, three and five years. */
  horizons: z.array(
    z.object({
      years: z.union([z.literal(1), z.literal(3), z.literal(5)]),
      onPrem: money,
      cloud: money,
      savings: money,
    }),
  ),
  /** When the cumulative cloud cost (one-off included) first drops to the on-prem cost; absent when not within five years. */
  breakEven: z
    .object({
      month: z.number().int().min(1).max(60),
      year: z.number().int().min(1).max(5),
    })
    .optional(),
  retireCandidates: z.array(retireCandidateSchema),
  /** Σ monthly saving of the retire candidates. */
  retireSavingMonthly: money,
  /** The assumptions behind the figures, in words. */
  assumptions: z.array(z.string()),
});

/**
 * The business case of a migration (`business-case.json`).
 *
 * @public
 */
export type BusinessCase = z.infer<typeof businessCaseSchema>;

/**
 * One year of a {@link BusinessCase}'s cash flow.
 *
 * @public
 */
export type BusinessCaseYear = BusinessCase['years'][number];

/**
 * A server a {@link BusinessCase} proposes to retire instead of moving.
 *
 * @public
 */
export type BusinessCaseRetireCandidate =
  BusinessCase['retireCandidates'][number];

/**
 * The cloud price a business case is computed with.
 *
 * @public
 */
export type BusinessCaseCommitment = BusinessCase['commitment'];
