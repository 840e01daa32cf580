import type {
  AssessmentDiskMapping,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing, StorageOffer } from '../pricing/RegionPricing';
import { round } from '../util/numbers';

interface Priced {
  offer: StorageOffer;
  monthly: number;
  billedGiB: number;
  tier?: string;
  pricePerGiBMonth?: number;
  /** IOPS the disk needs, the class includes, and that are bought on top. */
  neededIops: number;
  includedIops: number;
  extraIops: number;
}

/** IOPS a per-GiB class delivers for a size without buying more. */
function includedIops(
  offer: Extract<StorageOffer, { pricing: 'per-GiB' }>,
  sizeGiB: number,
) {
  return Math.min(
    offer.iops.max,
    offer.iops.baseline + offer.iops.perGiB * sizeGiB,
  );
}

/** Price of a disk of `sizeGiB` needing `iops` on a class, or undefined when it cannot. */
function priceOn(
  offer: StorageOffer,
  sizeGiB: number,
  iops: number,
): Priced | undefined {
  if (sizeGiB > offer.maxSizeGiB) return undefined;
  if (offer.pricing === 'tier') {
    const tier = offer.tiers.find(t => t.sizeGiB >= sizeGiB && t.iops >= iops);
    if (!tier) return undefined;
    return {
      offer,
      monthly: tier.monthly,
      billedGiB: tier.sizeGiB,
      tier: tier.name,
      neededIops: iops,
      includedIops: tier.iops,
      extraIops: 0,
    };
  }
  const billedGiB = Math.max(1, Math.ceil(sizeGiB));
  const included = includedIops(offer, billedGiB);
  let extraIops = 0;
  if (iops > included) {
    if (!offer.iops.provisionedAboveBaseline || iops > offer.iops.max) {
      return undefined;
    }
    extraIops = Math.ceil(iops - included);
  }
  const monthly =
    billedGiB * offer.perGiBMonth + extraIops * offer.perProvisionedIopsMonth;
  return {
    offer,
    monthly,
    billedGiB,
    pricePerGiBMonth: offer.perGiBMonth,
    neededIops: iops,
    includedIops: included,
    extraIops,
  };
}

const largestClass = new WeakMap<RegionPricing, StorageOffer>();

function largestOf(pricing: RegionPricing): StorageOffer {
  let largest = largestClass.get(pricing);
  if (!largest) {
    largest = pricing.storageClasses.reduce((a, b) =>
      b.maxSizeGiB > a.maxSizeGiB ? b : a,
    );
    largestClass.set(pricing, largest);
  }
  return largest;
}

function describe(best: Priced): string {
  let reason = `cheapest class that holds the disk: ${best.offer.name}`;
  if (best.extraIops > 0 && best.offer.pricing === 'per-GiB') {
    reason += `; ${best.extraIops} IOPS provisioned above the included ${best.includedIops} at ${best.offer.perProvisionedIopsMonth}/IOPS-month`;
  } else if (best.neededIops > 0) {
    reason += `; ${best.includedIops} IOPS included ≥ ${Math.ceil(
      best.neededIops,
    )} needed`;
  }
  if (best.tier) reason += `; billed as tier ${best.tier}`;
  return reason;
}

/** The cheapest class that holds the disk and its IOPS; a general class wins a tie. */
function cheapestClass(
  classes: readonly StorageOffer[],
  sizeGiB: number,
  iops: number,
): Priced | undefined {
  let best: Priced | undefined;
  for (const offer of classes) {
    const priced = priceOn(offer, sizeGiB, iops);
    if (!priced) continue;
    if (
      !best ||
      priced.monthly < best.monthly ||
      (priced.monthly === best.monthly &&
        priced.offer.use === 'general' &&
        best.offer.use !== 'general')
    ) {
      best = priced;
    }
  }
  return best;
}

function mappingOn(best: Priced, sizeGiB: number): AssessmentDiskMapping {
  const mapping: AssessmentDiskMapping = {
    sizeGiB,
    storageClass: best.offer.id,
    storageClassName: best.offer.name,
    pricing: best.offer.pricing,
    billedGiB: best.billedGiB,
    monthlyPrice: round(best.monthly, 2),
    maxSizeGiB: best.offer.maxSizeGiB,
    withinLimit: true,
    reason: describe(best),
  };
  if (best.tier) mapping.tier = best.tier;
  if (best.pricePerGiBMonth !== undefined) {
    mapping.pricePerGiBMonth = best.pricePerGiBMonth;
  }
  return mapping;
}

/** Too large (or too demanding) for any class: priced as N disks of the largest class. */
function mappingOverLargest(
  pricing: RegionPricing,
  sizeGiB: number,
  iops: number,
): AssessmentDiskMapping {
  const largest = largestOf(pricing);
  const pieces = Math.max(1, Math.ceil(sizeGiB / largest.maxSizeGiB));
  const pieceGiB = sizeGiB / pieces;
  const piece =
    priceOn(largest, pieceGiB, 0) ?? priceOn(largest, largest.maxSizeGiB, 0)!;
  const tooLarge = sizeGiB > largest.maxSizeGiB;
  const mapping: AssessmentDiskMapping = {
    sizeGiB,
    storageClass: largest.id,
    storageClassName: largest.name,
    pricing: largest.pricing,
    billedGiB: piece.billedGiB * pieces,
    monthlyPrice: round(piece.monthly * pieces, 2),
    maxSizeGiB: largest.maxSizeGiB,
    withinLimit: false,
    reason: tooLarge
      ? `${sizeGiB} GiB exceeds the largest target disk (${largest.name}, ${
          largest.maxSizeGiB
        } GiB): priced as ${pieces} disks of ${round(
          pieceGiB,
          2,
        )} GiB; the volume must be split or moved to file/object storage`
      : `no class delivers ${Math.ceil(
          iops,
        )} IOPS for ${sizeGiB} GiB; priced on ${largest.name} without the IOPS`,
  };
  if (piece.tier) mapping.tier = piece.tier;
  if (piece.pricePerGiBMonth !== undefined) {
    mapping.pricePerGiBMonth = piece.pricePerGiBMonth;
  }
  return mapping;
}

/** Memoised mappings per region: estates repeat disk sizes, and each mapping carries a reason. */
const mappingMemo = new WeakMap<
  RegionPricing,
  Map<string, AssessmentDiskMapping>
>();
const MEMO_LIMIT = 10_000;

/** The mapping of one disk size and IOPS need, shared by every disk alike (callers copy it). */
function pricedMapping(
  pricing: RegionPricing,
  sizeGiB: number,
  iops: number,
): AssessmentDiskMapping {
  let memo = mappingMemo.get(pricing);
  if (!memo) {
    memo = new Map();
    mappingMemo.set(pricing, memo);
  }
  const key = `${sizeGiB}:${iops}`;
  let mapping = memo.get(key);
  if (!mapping) {
    const best = cheapestClass(pricing.storageClasses, sizeGiB, iops);
    mapping = best
      ? mappingOn(best, sizeGiB)
      : mappingOverLargest(pricing, sizeGiB, iops);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, mapping);
  }
  return mapping;
}

/**
 * Maps source disks onto the target region's block storage classes: the cheapest class that holds
 * the disk and delivers its share of the machine's P95 IOPS (shared in proportion to size).
 * A disk larger than every class is priced as several disks of the largest size and marked
 * `withinLimit: false`.
 */
export function mapDisks(
  disks: DiskSpec[],
  pricing: RegionPricing,
  iopsP95?: number,
): AssessmentDiskMapping[] {
  const classes = pricing.storageClasses;
  if (classes.length === 0 || disks.length === 0) return [];
  let totalGiB = 0;
  for (const d of disks) totalGiB += Math.max(0, d.sizeGiB);
  const out: AssessmentDiskMapping[] = new Array(disks.length);
  for (let k = 0; k < disks.length; k++) {
    const disk = disks[k];
    const sizeGiB = Math.max(0, disk.sizeGiB);
    const iops = iopsP95 && totalGiB > 0 ? (iopsP95 * sizeGiB) / totalGiB : 0;
    const mapping = { ...pricedMapping(pricing, sizeGiB, iops) };
    if (disk.name !== undefined) mapping.name = disk.name;
    if (disk.type !== undefined) mapping.sourceType = disk.type;
    if (disk.usedGiB !== undefined) mapping.usedGiB = disk.usedGiB;
    out[k] = mapping;
  }
  return out;
}
