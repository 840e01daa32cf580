import type {
  Assessment,
  CommitmentType,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing } from '../pricing/RegionPricing';

/** The discounts the 1- and 3-year columns are computed with, and what they are. */
export type CommitmentPricing = NonNullable<
  Assessment['inputs']['commitmentPricing']
>;

const RESERVATION_NAMES: Record<string, string> = {
  aws: 'Standard Reserved Instances',
  azure: 'Reserved VM Instances',
  gcp: 'resource-based committed use discounts',
};

/**
 * The commitment prices of the chosen type in the region: reservation (GCP: committed use)
 * discounts, or savings plan discounts. A provider without savings plans for instances (Google
 * Cloud: its flexible committed use discounts are spend-based, not per instance) prices a
 * savings plan request with its committed use discounts, and the note says so; so does a catalog
 * file that states no savings plan discounts.
 */
export function commitmentPricingOf(
  pricing: RegionPricing,
  requested: CommitmentType,
): CommitmentPricing {
  const reservation = pricing.commitmentDiscounts;
  const reservedAs =
    pricing.provider === 'gcp' ? 'committed-use' : 'reservation';
  if (requested === 'reservation') {
    return { requested, appliedAs: reservedAs, ...reservation };
  }
  const plan = pricing.savingsPlanDiscounts;
  if (plan) return { requested, appliedAs: 'savings-plan', ...plan };
  const note =
    pricing.provider === 'gcp'
      ? 'Google Cloud has no savings plan for Compute Engine instances (flexible committed use discounts are spend-based); the 1- and 3-year columns use the committed use prices.'
      : `The ${
          pricing.provider
        } price catalog states no savings plan discounts; the 1- and 3-year columns use the ${
          RESERVATION_NAMES[pricing.provider] ?? 'reservation'
        } prices.`;
  return { requested, appliedAs: reservedAs, ...reservation, note };
}
