import type { Optimization } from '@sirsi-nexus/plugin-migration-common';
import type { StorageOffer } from '../../assessment/pricing/RegionPricing';
import type { OptimizationResource } from '../optimizationResources';
import { impactOf, money, type RecommendContext } from './recommendContext';

type Disk = OptimizationResource['disks'][number];

function storageMonthly(
  offer: StorageOffer,
  sizeGiB: number,
): number | undefined {
  if (offer.pricing === 'per-GiB') return offer.perGiBMonth * sizeGiB;
  return offer.tiers.find(t => t.sizeGiB >= sizeGiB)?.monthly;
}

/** IOPS a class delivers for a size without buying more. */
function baselineIops(offer: StorageOffer, sizeGiB: number): number {
  if (offer.pricing === 'per-GiB') {
    return Math.min(
      offer.iops.max,
      Math.max(offer.iops.baseline, offer.iops.perGiB * sizeGiB),
    );
  }
  return offer.tiers.find(t => t.sizeGiB >= sizeGiB)?.iops ?? 0;
}

/** A performance-class disk whose P95 IOPS a cheaper general class delivers moves down. */
function diskTiering(
  r: OptimizationResource,
  disk: Disk,
  general: readonly StorageOffer[],
  ctx: RecommendContext,
): Optimization | undefined {
  const current = ctx.pricing?.storageClasses.find(
    s => s.id === disk.storageClass,
  );
  if (
    !current ||
    current.use !== 'performance' ||
    disk.monthlyPrice === undefined
  ) {
    return undefined;
  }
  const iops =
    r.postMigrationUtilization?.iopsP95 ?? r.sourceUtilization?.iopsP95;
  if (iops === undefined) return undefined;
  const best = general
    .map(g => ({
      offer: g,
      monthly: storageMonthly(g, disk.sizeGiB),
      baseline: baselineIops(g, disk.sizeGiB),
    }))
    .filter(
      o =>
        o.monthly !== undefined &&
        o.baseline >= iops &&
        o.monthly < disk.monthlyPrice!,
    )
    .sort((a, b) => a.monthly! - b.monthly!)[0];
  if (!best) return undefined;
  const saving = disk.monthlyPrice - best.monthly!;
  return {
    id: `storage.${r.id}.${disk.name ?? disk.storageClass}`,
    category: 'cost',
    type: 'storage-tiering',
    impact: impactOf(saving, disk.monthlyPrice),
    title: `Move ${disk.name ?? 'a disk'} of ${r.name} to ${best.offer.name}`,
    recommendation: `The disk needs ${iops} IOPS (P95); ${best.offer.name} provides ${best.baseline} for ${disk.sizeGiB} GiB at a lower price than ${current.name}.`,
    resource: r.name,
    metrics: {
      iopsP95: iops,
      sizeGiB: disk.sizeGiB,
      currentClass: current.id,
      suggestedClass: best.offer.id,
    },
    estimatedMonthlySavings: money(saving),
    currency: ctx.currency,
    automationCapable: true,
    source: 'rules',
  };
}

/** A large bucket gets a lifecycle policy. */
function bucketLifecycle(
  r: OptimizationResource,
  ctx: RecommendContext,
): Optimization | undefined {
  if (r.kind !== 'bucket' || (r.storageGiB ?? 0) < 100) return undefined;
  return {
    id: `storage.${r.id}.lifecycle`,
    category: 'cost',
    type: 'storage-tiering',
    impact: 'low',
    title: `Add a lifecycle policy to ${r.name}`,
    recommendation: `${r.name} holds ${r.storageGiB} GiB. Transition objects not read for 30 days to an infrequent-access class (or enable intelligent tiering) and expire old versions.`,
    resource: r.name,
    metrics: { storageGiB: r.storageGiB ?? 0 },
    currency: ctx.currency,
    automationCapable: true,
    source: 'rules',
  };
}

/** Storage tiering: cheaper disk classes that still deliver the IOPS, lifecycle for buckets. */
export function storageRecommendations(
  running: readonly OptimizationResource[],
  ctx: RecommendContext,
): Optimization[] {
  const general =
    ctx.pricing?.storageClasses.filter(s => s.use === 'general') ?? [];
  const recommendations: Optimization[] = [];
  for (const r of running) {
    for (const disk of r.disks) {
      const tiering = diskTiering(r, disk, general, ctx);
      if (tiering) recommendations.push(tiering);
    }
    const lifecycle = bucketLifecycle(r, ctx);
    if (lifecycle) recommendations.push(lifecycle);
  }
  return recommendations;
}
