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
  iopsNote?: string;
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
      iopsNote:
        iops > 0 ? `${tier.iops} IOPS ≥ ${Math.ceil(iops)} needed` : undefined,
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
    iopsNote:
      extraIops > 0
        ? `${extraIops} IOPS provisioned above the included ${included} at ${offer.perProvisionedIopsMonth}/IOPS-month`
        : iops > 0
        ? `${included} IOPS included ≥ ${Math.ceil(iops)} needed`
        : undefined,
  };
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
  const totalGiB = disks.reduce((sum, d) => sum + Math.max(0, d.sizeGiB), 0);
  const classes = pricing.storageClasses;
  if (classes.length === 0) return [];
  const largest = classes.reduce((a, b) =>
    b.maxSizeGiB > a.maxSizeGiB ? b : a,
  );

  return disks.map(disk => {
    const sizeGiB = Math.max(0, disk.sizeGiB);
    const iops = iopsP95 && totalGiB > 0 ? (iopsP95 * sizeGiB) / totalGiB : 0;
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

    const base = {
      ...(disk.name !== undefined ? { name: disk.name } : {}),
      ...(disk.type !== undefined ? { sourceType: disk.type } : {}),
      sizeGiB,
      ...(disk.usedGiB !== undefined ? { usedGiB: disk.usedGiB } : {}),
    };

    if (best) {
      const reasons = [
        `${sizeGiB} GiB fits ${best.offer.name} (max ${best.offer.maxSizeGiB} GiB)`,
      ];
      if (best.iopsNote) reasons.push(best.iopsNote);
      reasons.push(
        best.tier
          ? `billed as tier ${best.tier} (${best.billedGiB} GiB)`
          : `${best.billedGiB} GiB × ${best.pricePerGiBMonth}/GiB-month`,
      );
      return {
        ...base,
        storageClass: best.offer.id,
        storageClassName: best.offer.name,
        pricing: best.offer.pricing,
        ...(best.tier ? { tier: best.tier } : {}),
        billedGiB: best.billedGiB,
        ...(best.pricePerGiBMonth !== undefined
          ? { pricePerGiBMonth: best.pricePerGiBMonth }
          : {}),
        monthlyPrice: round(best.monthly, 2),
        maxSizeGiB: best.offer.maxSizeGiB,
        withinLimit: true,
        reason: reasons.join('; '),
      };
    }

    // Too large (or too demanding) for any class: price it as N disks of the largest class.
    const pieces = Math.max(1, Math.ceil(sizeGiB / largest.maxSizeGiB));
    const pieceGiB = sizeGiB / pieces;
    const piece =
      priceOn(largest, pieceGiB, 0) ?? priceOn(largest, largest.maxSizeGiB, 0)!;
    const tooLarge = sizeGiB > largest.maxSizeGiB;
    return {
      ...base,
      storageClass: largest.id,
      storageClassName: largest.name,
      pricing: largest.pricing,
      ...(piece.tier ? { tier: piece.tier } : {}),
      billedGiB: piece.billedGiB * pieces,
      ...(piece.pricePerGiBMonth !== undefined
        ? { pricePerGiBMonth: piece.pricePerGiBMonth }
        : {}),
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
          )} IOPS for ${sizeGiB} GiB; priced on ${
            largest.name
          } without the IOPS`,
    };
  });
}
