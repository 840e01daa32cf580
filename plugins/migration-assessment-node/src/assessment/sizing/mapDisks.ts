import type {
  AssessmentDiskMapping,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';
import type { RegionPricing, StorageOffer } from '../pricing/RegionPricing';
import { round } from '../util/numbers';
import { SharedValues } from '../util/shared';

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

/**
 * The texts around the one number of a reason, per class, included IOPS and tier: 140,000
 * disks with distinct IOPS needs then share all of their reason but that number (a reason built
 * whole is a rope of fresh pieces, twice the memory).
 */
const reasonParts = new WeakMap<StorageOffer, Map<string, [string, string]>>();

function partsOf(
  offer: StorageOffer,
  key: string,
  make: () => [string, string],
): [string, string] {
  let byKey = reasonParts.get(offer);
  if (!byKey) {
    byKey = new Map();
    reasonParts.set(offer, byKey);
  }
  let parts = byKey.get(key);
  if (!parts) {
    // Flat copies: the texts live as long as the assessments holding them.
    parts = make().map(text => JSON.parse(JSON.stringify(text))) as [
      string,
      string,
    ];
    byKey.set(key, parts);
  }
  return parts;
}

function describe(best: Priced): string {
  const { offer, tier } = best;
  const head = () => `cheapest class that holds the disk: ${offer.name}`;
  const billed = tier ? `; billed as tier ${tier}` : '';
  if (best.extraIops > 0 && offer.pricing === 'per-GiB') {
    const [before, after] = partsOf(
      offer,
      `extra:${best.includedIops}:${tier}`,
      () => [
        `${head()}; `,
        ` IOPS provisioned above the included ${best.includedIops} at ${offer.perProvisionedIopsMonth}/IOPS-month${billed}`,
      ],
    );
    return before + best.extraIops + after;
  }
  if (best.neededIops > 0) {
    const [before, after] = partsOf(
      offer,
      `needed:${best.includedIops}:${tier}`,
      () => [
        `${head()}; ${best.includedIops} IOPS included ≥ `,
        ` needed${billed}`,
      ],
    );
    return before + Math.ceil(best.neededIops) + after;
  }
  return partsOf(offer, `none:${tier}`, () => [`${head()}${billed}`, ''])[0];
}

/** Monthly price of a disk on a class, or NaN when the class cannot hold it (no object made). */
function monthlyOn(offer: StorageOffer, sizeGiB: number, iops: number) {
  if (sizeGiB > offer.maxSizeGiB) return NaN;
  if (offer.pricing === 'tier') {
    const tier = offer.tiers.find(t => t.sizeGiB >= sizeGiB && t.iops >= iops);
    return tier ? tier.monthly : NaN;
  }
  const billedGiB = Math.max(1, Math.ceil(sizeGiB));
  const included = includedIops(offer, billedGiB);
  let extraIops = 0;
  if (iops > included) {
    if (!offer.iops.provisionedAboveBaseline || iops > offer.iops.max) {
      return NaN;
    }
    extraIops = Math.ceil(iops - included);
  }
  return (
    billedGiB * offer.perGiBMonth + extraIops * offer.perProvisionedIopsMonth
  );
}

/** The cheapest class that holds the disk and its IOPS; a general class wins a tie. */
function cheapestClass(
  classes: readonly StorageOffer[],
  sizeGiB: number,
  iops: number,
): Priced | undefined {
  let best: StorageOffer | undefined;
  let bestMonthly = Infinity;
  for (const offer of classes) {
    const monthly = monthlyOn(offer, sizeGiB, iops);
    if (Number.isNaN(monthly)) continue;
    if (
      !best ||
      monthly < bestMonthly ||
      (monthly === bestMonthly &&
        offer.use === 'general' &&
        best.use !== 'general')
    ) {
      best = offer;
      bestMonthly = monthly;
    }
  }
  return best && priceOn(best, sizeGiB, iops);
}

/**
 * Whether every class's IOPS figures are whole numbers. Then a mapping depends on the IOPS need
 * only through its ceiling (every comparison is with a whole number, and the reason states the
 * ceiling), so needs of 290.2 and 290.9 IOPS share one mapping.
 */
const wholeIops = new WeakMap<RegionPricing, boolean>();

function iopsKeyOf(pricing: RegionPricing, iops: number): number {
  let whole = wholeIops.get(pricing);
  if (whole === undefined) {
    whole = pricing.storageClasses.every(c =>
      c.pricing === 'tier'
        ? c.tiers.every(t => Number.isInteger(t.iops))
        : Number.isInteger(c.iops.baseline) &&
          Number.isInteger(c.iops.perGiB) &&
          Number.isInteger(c.iops.max),
    );
    wholeIops.set(pricing, whole);
  }
  return whole ? Math.ceil(iops) : iops;
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

/**
 * Memoised mappings per region: by size, then IOPS need (numbers, no key strings to build and
 * hash); decorated copies for disks with a name, source type or used space by a text key.
 */
interface RegionMemo {
  bySize: Map<number, Map<number, AssessmentDiskMapping>>;
  entries: number;
  named: SharedValues<AssessmentDiskMapping>;
}
const mappingMemo = new WeakMap<RegionPricing, RegionMemo>();
const MEMO_LIMIT = 10_000;

function memoOf(pricing: RegionPricing): RegionMemo {
  let memo = mappingMemo.get(pricing);
  if (!memo) {
    memo = { bySize: new Map(), entries: 0, named: new SharedValues() };
    mappingMemo.set(pricing, memo);
  }
  return memo;
}

/** The mapping of a disk size and IOPS need, shared (frozen) by every disk alike. */
function pricedMapping(
  pricing: RegionPricing,
  sizeGiB: number,
  need: number,
): AssessmentDiskMapping {
  const memo = memoOf(pricing);
  let byNeed = memo.bySize.get(sizeGiB);
  let mapping = byNeed?.get(need);
  if (mapping) return mapping;
  const best = cheapestClass(pricing.storageClasses, sizeGiB, need);
  mapping = Object.freeze(
    best
      ? mappingOn(best, sizeGiB)
      : mappingOverLargest(pricing, sizeGiB, need),
  );
  if (memo.entries >= MEMO_LIMIT) {
    memo.bySize.clear();
    memo.entries = 0;
    byNeed = undefined;
  }
  if (!byNeed) {
    byNeed = new Map();
    memo.bySize.set(sizeGiB, byNeed);
  }
  byNeed.set(need, mapping);
  memo.entries++;
  return mapping;
}

/**
 * The mapping of one disk, shared (frozen) by every disk alike: of its size and IOPS need, and of
 * its own name, source type and used space when it has any.
 */
function sharedMapping(
  pricing: RegionPricing,
  disk: DiskSpec,
  sizeGiB: number,
  iops: number,
): AssessmentDiskMapping {
  const need = iopsKeyOf(pricing, iops);
  const mapping = pricedMapping(pricing, sizeGiB, need);
  if (
    disk.name === undefined &&
    disk.type === undefined &&
    disk.usedGiB === undefined
  ) {
    return mapping;
  }
  return memoOf(pricing).named.get(
    `${sizeGiB}:${need}\n${disk.name}\n${disk.type}\n${disk.usedGiB}`,
    () => {
      const named = { ...mapping };
      if (disk.name !== undefined) named.name = disk.name;
      if (disk.type !== undefined) named.sourceType = disk.type;
      if (disk.usedGiB !== undefined) named.usedGiB = disk.usedGiB;
      return named;
    },
  );
}

/**
 * Maps source disks onto the target region's block storage classes: the cheapest class that holds
 * the disk and delivers its share of the machine's P95 IOPS (shared in proportion to size).
 * A disk larger than every class is priced as several disks of the largest size and marked
 * `withinLimit: false`. Equal disks share one frozen mapping.
 */
export function mapDisks(
  disks: readonly DiskSpec[],
  pricing: RegionPricing,
  iopsP95?: number,
): AssessmentDiskMapping[] {
  const classes = pricing.storageClasses;
  if (classes.length === 0 || disks.length === 0) return [];
  let totalGiB = 0;
  for (let k = 0; k < disks.length; k++)
    totalGiB += Math.max(0, disks[k].sizeGiB);
  const out: AssessmentDiskMapping[] = new Array(disks.length);
  for (let k = 0; k < disks.length; k++) {
    const disk = disks[k];
    const sizeGiB = Math.max(0, disk.sizeGiB);
    const iops = iopsP95 && totalGiB > 0 ? (iopsP95 * sizeGiB) / totalGiB : 0;
    out[k] = sharedMapping(pricing, disk, sizeGiB, iops);
  }
  return out;
}
