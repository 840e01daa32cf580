import type { Optimization } from '@sirsi-nexus/plugin-migration-common';
import type {
  InstanceOffer,
  RegionPricing,
} from '../../assessment/pricing/RegionPricing';
import type { OptimizationResource } from '../optimizationResources';
import { impactOf, money, type RecommendContext } from './recommendContext';

function cheapestFitting(
  offers: InstanceOffer[],
  current: OptimizationResource,
  vcpus: number,
  memoryGiB: number,
): InstanceOffer | undefined {
  const candidates = offers.filter(
    o =>
      o.vcpus >= vcpus &&
      o.memoryGiB >= memoryGiB &&
      (!current.architecture || o.architecture === current.architecture),
  );
  const sameFamily = candidates.filter(o => o.family === current.family);
  return (sameFamily.length ? sameFamily : candidates).sort(
    (a, b) => a.hourlyPrice - b.hourlyPrice,
  )[0];
}

/** A machine measured at the target, with what it needs at the comfort factor. */
interface Measured {
  r: OptimizationResource & {
    vcpus: number;
    memoryGiB: number;
    hourlyPrice: number;
  };
  cpu: number;
  mem: number;
  needCpu: number;
  needMem: number;
  metrics: Optimization['metrics'];
}

function measure(
  r: OptimizationResource,
  comfort: number,
): Measured | undefined {
  const u = r.postMigrationUtilization!;
  if (!r.vcpus || !r.memoryGiB || r.hourlyPrice === undefined) return undefined;
  const cpu = u.cpuP95!;
  const mem = u.memP95 ?? 100;
  const needCpu = Math.max(1, (r.vcpus * cpu * comfort) / 100);
  const needMem = Math.max(0.5, (r.memoryGiB * mem * comfort) / 100);
  return {
    r: r as Measured['r'],
    cpu,
    mem,
    needCpu,
    needMem,
    metrics: {
      cpuP95: cpu,
      memP95: u.memP95 ?? 'unknown',
      currentType: r.instanceType ?? '',
      currentHourly: r.hourlyPrice,
      requiredVcpus: Math.round(needCpu * 100) / 100,
      requiredMemoryGiB: Math.round(needMem * 100) / 100,
    },
  };
}

/** A machine running hot gets a bigger type. */
function upsize(
  m: Measured,
  pricing: RegionPricing,
  ctx: RecommendContext,
): Optimization | undefined {
  const { r, cpu } = m;
  const bigger = cheapestFitting(
    pricing.instances,
    r,
    Math.max(r.vcpus + 1, m.needCpu),
    Math.max(r.memoryGiB, m.needMem),
  );
  if (!bigger) return undefined;
  return {
    id: `rightsizing-up.${r.id}`,
    category: 'performance',
    type: 'rightsizing',
    impact: 'high',
    title: `Give ${r.name} more capacity`,
    recommendation: `${r.name} runs at ${cpu}% CPU / ${
      r.postMigrationUtilization!.memP95 ?? '?'
    }% memory (P95) on ${r.instanceType}. Move to ${bigger.name} (${
      bigger.vcpus
    } vCPU, ${bigger.memoryGiB} GiB) to keep headroom.`,
    resource: r.name,
    metrics: {
      ...m.metrics,
      suggestedType: bigger.name,
      suggestedHourly: bigger.hourlyPrice,
    },
    estimatedMonthlySavings: money(
      (r.hourlyPrice - bigger.hourlyPrice) * ctx.hoursPerMonth,
    ),
    currency: ctx.currency,
    automationCapable: true,
    source: 'rules',
  };
}

/** A machine with room to spare gets the cheapest type that still fits. */
function downsize(
  m: Measured,
  pricing: RegionPricing,
  ctx: RecommendContext,
): Optimization | undefined {
  const { r, cpu } = m;
  const smaller = cheapestFitting(pricing.instances, r, m.needCpu, m.needMem);
  if (
    !smaller ||
    smaller.hourlyPrice >= r.hourlyPrice ||
    smaller.name === r.instanceType
  ) {
    return undefined;
  }
  const hours = ctx.hoursPerMonth;
  const saving = (r.hourlyPrice - smaller.hourlyPrice) * hours;
  return {
    id: `rightsizing.${r.id}`,
    category: 'cost',
    type: 'rightsizing',
    impact: impactOf(saving, r.hourlyPrice * hours),
    title: `Rightsize ${r.name} to ${smaller.name}`,
    recommendation: `${r.name} peaks at ${cpu}% CPU / ${
      r.postMigrationUtilization!.memP95 ?? '?'
    }% memory (P95) on ${r.instanceType} (${r.vcpus} vCPU, ${
      r.memoryGiB
    } GiB). ${smaller.name} (${smaller.vcpus} vCPU, ${
      smaller.memoryGiB
    } GiB) still leaves ${Math.round(
      (ctx.comfortFactor - 1) * 100,
    )}% headroom.`,
    resource: r.name,
    metrics: {
      ...m.metrics,
      suggestedType: smaller.name,
      suggestedHourly: smaller.hourlyPrice,
    },
    estimatedMonthlySavings: money(saving),
    currency: ctx.currency,
    automationCapable: true,
    source: 'rules',
  };
}

/**
 * Rightsizing, only from utilization measured at the target after the move: a bigger type above
 * 90 % CPU or memory, else the cheapest that fits the P95 × comfort factor. Notes say why none
 * could be made.
 */
export function rightsizingRecommendations(
  vms: readonly OptimizationResource[],
  ctx: RecommendContext,
): { recommendations: Optimization[]; notes: string[] } {
  const { pricing, target } = ctx;
  const recommendations: Optimization[] = [];
  const notes: string[] = [];
  const measured = vms.filter(
    r => r.postMigrationUtilization?.cpuP95 !== undefined,
  );
  if (vms.length && measured.length === 0) {
    notes.push(
      'Rightsizing needs utilization measured at the target after the migration; none is known yet (re-run optimize with it, or once the target is discovered).',
    );
  }
  if (measured.length && !pricing) {
    notes.push(
      `No price catalog for ${target.provider} ${target.region}: rightsizing cannot choose instance types.`,
    );
  }
  for (const r of pricing ? measured : []) {
    const m = measure(r, ctx.comfortFactor);
    if (!m) continue;
    const recommendation =
      m.cpu > 90 || m.mem > 90
        ? upsize(m, pricing!, ctx)
        : downsize(m, pricing!, ctx);
    if (recommendation) recommendations.push(recommendation);
  }
  return { recommendations, notes };
}
