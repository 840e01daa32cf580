import { z } from 'zod';
import {
  COMMITMENT_TERMS,
  COMMITMENT_TYPES,
  COMPLIANCE_PROFILES,
  RISK_TOLERANCES,
  TARGET_PROVIDERS,
} from './values';

/**
 * A maintenance window: `start/end` ISO-8601 timestamps, start before end.
 *
 * @public
 */
export const isoIntervalSchema = z
  .string()
  .trim()
  .max(100)
  .refine(value => {
    const [start, end, extra] = value.split('/');
    if (!start || !end || extra !== undefined) {
      return false;
    }
    const from = Date.parse(start);
    const to = Date.parse(end);
    return Number.isFinite(from) && Number.isFinite(to) && from < to;
  }, 'must be an ISO-8601 interval "start/end" with start before end');

/**
 * Where a migration moves to, as a request names it.
 *
 * @public
 */
export const migrationTargetSchema = z
  .object({
    provider: z.enum(TARGET_PROVIDERS),
    region: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9-]+$/i, 'must be a region name like eu-west-1'),
    environmentId: z.string().trim().min(1).max(255).optional(),
  })
  .strict();

/**
 * The options of a migration request.
 *
 * @public
 */
export const migrationOptionsSchema = z
  .object({
    complianceProfile: z.enum(COMPLIANCE_PROFILES).optional(),
    maintenanceWindows: z.array(isoIntervalSchema).max(20).optional(),
    riskTolerance: z.enum(RISK_TOLERANCES).optional(),
    rehearsal: z.boolean().optional(),
    justification: z.string().trim().max(2000).optional(),
    /** Headroom over P95 utilization for rightsizing; replaces `migration.assessment.comfortFactor`. */
    comfortFactor: z.number().min(1).max(5).optional(),
    /** The commitment the totals are read at; replaces `migration.assessment.commitmentTerm`. */
    commitmentTerm: z.enum(COMMITMENT_TERMS).optional(),
    /**
     * Whether the 1- and 3-year totals are priced as reservations or savings plans; replaces
     * `migration.assessment.commitmentType`.
     */
    commitmentType: z.enum(COMMITMENT_TYPES).optional(),
    /**
     * Windows licenses are brought (Azure Hybrid Benefit, AWS License Mobility / BYOL, GCP BYOL):
     * no license cost; replaces `migration.assessment.hybridBenefit`.
     */
    hybridBenefit: z.boolean().optional(),
  })
  .strict();
