import type {
  Assessment,
  DiscoveredResource,
  MigrationTarget,
  Optimization,
  OptimizationReport,
  ResourceKind,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  InstanceOffer,
  RegionPricing,
  StorageOffer,
} from '../assessment/pricing/RegionPricing';
import { carbonCoefficients, estimateCarbon, type CarbonData } from './carbon';

/**
 * A migrated resource as the optimiser sees it.
 *
 * @public
 */
export interface OptimizationResource {
  id: string;
  name: string;
  kind: ResourceKind;
  tags: Record<string, string>;
  instanceType?: string;
  family?: string;
  architecture?: 'x86_64' | 'arm64';
  vcpus?: number;
  memoryGiB?: number;
  /** On-demand compute price per hour at the target. */
  hourlyPrice?: number;
  /** Monthly compute cost on demand and with 1-/3-year commitments. */
  compute?: { onDemand: number; commit1y: number; commit3y: number };
  disks: Array<{
    name?: string;
    sizeGiB: number;
    usedGiB?: number;
    storageClass: string;
    monthlyPrice?: number;
  }>;
  /** Storage of buckets and databases in GiB. */
  storageGiB?: number;
  /** Utilization observed after the migration, when known. */
  postMigrationUtilization?: ResourceUtilization;
  /** Utilization observed at the source before the migration. */
  sourceUtilization?: ResourceUtilization;
  /** Whether it runs at the target (retired/retained resources do not). */
  migrated: boolean;
}

/**
 * Builds {@link OptimizationResource}s from the assessment (sizing and prices) and the discovered
 * resources (tags and utilization), matched by external id.
 *
 * @public
 */
export function optimizationResourcesFromAssessment(
  assessment: Assessment,
  discovered: DiscoveredResource[],
  postMigration: Record<string, ResourceUtilization> = {},
): OptimizationResource[] {
  const byId = new Map(discovered.map(d => [d.externalId, d]));
  return assessment.resources
    .filter(r => !r.attachedTo)
    .map(r => {
      const source = byId.get(r.id);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        tags: source?.tags ?? {},
        instanceType: r.sizing?.instanceType,
        family: r.sizing?.family,
        architecture: r.sizing?.architecture,
        vcpus: r.sizing?.vcpus,
        memoryGiB: r.sizing?.memoryGiB,
        hourlyPrice: r.sizing ? r.sizing.hourlyPrice : undefined,
        compute: r.cost?.compute,
        disks: r.disks.map(d => ({
          name: d.name,
          sizeGiB: d.sizeGiB,
          usedGiB: d.usedGiB,
          storageClass: d.storageClass,
          monthlyPrice: d.monthlyPrice,
        })),
        storageGiB: source?.specs.storageGiB,
        postMigrationUtilization: postMigration[r.id] ?? postMigration[r.name],
        sourceUtilization: source?.utilization,
        migrated:
          r.cost?.included ??
          !['retire', 'retain'].includes(r.strategy.strategy),
      };
    });
}

/**
 * Options of {@link recommendOptimizations}.
 *
 * @public
 */
export interface RecommendOptions {
  target: MigrationTarget;
  resources: OptimizationResource[];
  /** Prices of the target region, for rightsizing and storage tiering amounts. */
  pricing?: RegionPricing;
  carbon?: CarbonData;
  /** Headroom over the P95 when rightsizing (default 1.25). */
  comfortFactor?: number;
  /** Hours per week a non-production schedule keeps machines on (default 60: 12 h × 5 days). */
  scheduleHoursPerWeek?: number;
  now?: Date;
}

const NON_PRODUCTION =
  /^(dev|development|test|testing|qa|uat|staging|stage|stg|sandbox|non-?prod|demo|preview)$/i;
const STATELESS_TIERS =
  /^(web|frontend|front-end|api|worker|batch|stateless|cache)$/i;
const ENV_TAGS = ['environment', 'env', 'stage'];

/** Whether a resource belongs to a non-production environment, by its tags. */
export function isNonProduction(
  resource: Pick<OptimizationResource, 'tags'>,
): boolean {
  return ENV_TAGS.some(t => {
    const value = Object.entries(resource.tags).find(
      ([k]) => k.toLowerCase() === t,
    )?.[1];
    return value !== undefined && NON_PRODUCTION.test(value.trim());
  });
}

/** Whether a resource is tagged as a stateless tier (safe to interrupt). */
export function isStateless(
  resource: Pick<OptimizationResource, 'tags' | 'kind'>,
): boolean {
  if (resource.kind !== 'vm') return false;
  const tag = (k: string) =>
    Object.entries(resource.tags)
      .find(([key]) => key.toLowerCase() === k)?.[1]
      ?.trim();
  if (/^(true|yes)$/i.test(tag('stateless') ?? '')) return true;
  return ['tier', 'role', 'app-tier'].some(k =>
    STATELESS_TIERS.test(tag(k) ?? ''),
  );
}

const money = (n: number) => Math.round(n * 100) / 100;

function impactOf(saving: number, base: number): Optimization['impact'] {
  const share = base > 0 ? saving / base : 0;
  if (share >= 0.4) return 'high';
  return share >= 0.15 ? 'medium' : 'low';
}

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

function storageMonthly(
  offer: StorageOffer,
  sizeGiB: number,
): number | undefined {
  if (offer.pricing === 'per-GiB') return offer.perGiBMonth * sizeGiB;
  return offer.tiers.find(t => t.sizeGiB >= sizeGiB)?.monthly;
}

const SPOT_NAMES: Record<string, string> = {
  aws: 'EC2 Spot Instances',
  azure: 'Azure Spot Virtual Machines',
  gcp: 'Spot (preemptible) VMs',
};
const COMMIT_NAMES: Record<string, string> = {
  aws: 'Compute Savings Plans or Reserved Instances',
  azure: 'Azure Reservations or a savings plan for compute',
  gcp: 'committed use discounts',
};

function geo(provider: string, region: string) {
  if (provider === 'azure') {
    return (
      ['europe', 'uk', 'india', 'asia', 'us'].find(k =>
        region.toLowerCase().includes(k),
      ) ?? region
    );
  }
  return region.split('-')[0];
}

/**
 * Recommends cost, performance and sustainability improvements for the migrated resources:
 * rightsizing from post-migration utilization, commitments for steady production machines,
 * Spot/preemptible capacity for stateless tiers, off-hours schedules for non-production, storage
 * tiering, and the Cloud Carbon Footprint estimate.
 *
 * @public
 */
export function recommendOptimizations(
  options: RecommendOptions,
): OptimizationReport {
  const { target, pricing } = options;
  const hours = pricing?.hoursPerMonth ?? 730;
  const currency = pricing?.currency ?? 'USD';
  const comfort = options.comfortFactor ?? 1.25;
  const onHours = options.scheduleHoursPerWeek ?? 60;
  const recommendations: Optimization[] = [];
  const notes: string[] = [];
  const running = options.resources.filter(r => r.migrated);
  const vms = running.filter(r => r.kind === 'vm');

  // Rightsizing: only from utilization measured at the target after the move.
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
    const u = r.postMigrationUtilization!;
    if (!r.vcpus || !r.memoryGiB || r.hourlyPrice === undefined) continue;
    const cpu = u.cpuP95!;
    const mem = u.memP95 ?? 100;
    const needCpu = Math.max(1, (r.vcpus * cpu * comfort) / 100);
    const needMem = Math.max(0.5, (r.memoryGiB * mem * comfort) / 100);
    const metrics = {
      cpuP95: cpu,
      memP95: u.memP95 ?? 'unknown',
      currentType: r.instanceType ?? '',
      currentHourly: r.hourlyPrice,
      requiredVcpus: Math.round(needCpu * 100) / 100,
      requiredMemoryGiB: Math.round(needMem * 100) / 100,
    };
    if (cpu > 90 || mem > 90) {
      const bigger = cheapestFitting(
        pricing!.instances,
        r,
        Math.max(r.vcpus + 1, needCpu),
        Math.max(r.memoryGiB, needMem),
      );
      if (bigger) {
        recommendations.push({
          id: `rightsizing-up.${r.id}`,
          category: 'performance',
          type: 'rightsizing',
          impact: 'high',
          title: `Give ${r.name} more capacity`,
          recommendation: `${r.name} runs at ${cpu}% CPU / ${
            u.memP95 ?? '?'
          }% memory (P95) on ${r.instanceType}. Move to ${bigger.name} (${
            bigger.vcpus
          } vCPU, ${bigger.memoryGiB} GiB) to keep headroom.`,
          resource: r.name,
          metrics: {
            ...metrics,
            suggestedType: bigger.name,
            suggestedHourly: bigger.hourlyPrice,
          },
          estimatedMonthlySavings: money(
            (r.hourlyPrice - bigger.hourlyPrice) * hours,
          ),
          currency,
          automationCapable: true,
          source: 'rules',
        });
      }
      continue;
    }
    const smaller = cheapestFitting(pricing!.instances, r, needCpu, needMem);
    if (
      smaller &&
      smaller.hourlyPrice < r.hourlyPrice &&
      smaller.name !== r.instanceType
    ) {
      const saving = (r.hourlyPrice - smaller.hourlyPrice) * hours;
      recommendations.push({
        id: `rightsizing.${r.id}`,
        category: 'cost',
        type: 'rightsizing',
        impact: impactOf(saving, r.hourlyPrice * hours),
        title: `Rightsize ${r.name} to ${smaller.name}`,
        recommendation: `${r.name} peaks at ${cpu}% CPU / ${
          u.memP95 ?? '?'
        }% memory (P95) on ${r.instanceType} (${r.vcpus} vCPU, ${
          r.memoryGiB
        } GiB). ${smaller.name} (${smaller.vcpus} vCPU, ${
          smaller.memoryGiB
        } GiB) still leaves ${Math.round((comfort - 1) * 100)}% headroom.`,
        resource: r.name,
        metrics: {
          ...metrics,
          suggestedType: smaller.name,
          suggestedHourly: smaller.hourlyPrice,
        },
        estimatedMonthlySavings: money(saving),
        currency,
        automationCapable: true,
        source: 'rules',
      });
    }
  }

  // Off-hours schedules for non-production machines.
  const nonProd = vms.filter(isNonProduction);
  for (const r of nonProd) {
    if (!r.compute) continue;
    const saving = r.compute.onDemand * (1 - onHours / 168);
    recommendations.push({
      id: `schedule.${r.id}`,
      category: 'cost',
      type: 'schedule',
      impact: impactOf(saving, r.compute.onDemand),
      title: `Stop ${r.name} outside working hours`,
      recommendation: `${
        r.name
      } is tagged as non-production. Running it ${onHours} h a week (e.g. 07:00–19:00 on weekdays) instead of 168 h cuts its compute bill by ${Math.round(
        (1 - onHours / 168) * 100,
      )}%.`,
      resource: r.name,
      metrics: {
        onDemandMonthly: money(r.compute.onDemand),
        hoursPerWeek: onHours,
      },
      estimatedMonthlySavings: money(saving),
      currency,
      automationCapable: true,
      source: 'rules',
    });
  }

  // Spot / preemptible for stateless tiers (non-production ones are scheduled instead).
  const stateless = vms.filter(r => isStateless(r) && !isNonProduction(r));
  for (const r of stateless) {
    recommendations.push({
      id: `spot.${r.id}`,
      category: 'cost',
      type: 'spot',
      impact: 'medium',
      title: `Run ${r.name} on ${
        SPOT_NAMES[target.provider] ?? 'spot capacity'
      }`,
      recommendation: `${r.name} is tagged as a stateless tier. Behind an autoscaling group with a mix of on-demand and spot capacity it tolerates interruptions; spot prices change with demand, so the saving is not estimated here.`,
      resource: r.name,
      metrics: {
        onDemandMonthly: r.compute ? money(r.compute.onDemand) : 'unknown',
        instanceType: r.instanceType ?? '',
      },
      currency,
      automationCapable: true,
      source: 'rules',
    });
  }

  // Commitments for steady production machines.
  // The baseline is the compute after rightsizing, so the two savings add up without overlap.
  const steady = vms.filter(
    r =>
      r.compute &&
      r.compute.onDemand > 0 &&
      !isNonProduction(r) &&
      !isStateless(r),
  );
  if (steady.length) {
    const after = (r: OptimizationResource) => {
      const resized = recommendations.find(o => o.id === `rightsizing.${r.id}`);
      return resized
        ? Number(resized.metrics.suggestedHourly) * hours
        : r.compute!.onDemand;
    };
    const share = (r: OptimizationResource, commit: number) =>
      (r.compute!.onDemand - commit) / r.compute!.onDemand;
    const onDemand = steady.reduce((s, r) => s + after(r), 0);
    const oneYear = steady.reduce(
      (s, r) => s + after(r) * share(r, r.compute!.commit1y),
      0,
    );
    const threeYear = steady.reduce(
      (s, r) => s + after(r) * share(r, r.compute!.commit3y),
      0,
    );
    if (oneYear > 0) {
      recommendations.push({
        id: 'commitment.compute',
        category: 'cost',
        type: 'commitment',
        impact: impactOf(oneYear, onDemand),
        title: `Commit to the steady compute of ${steady.length} machine(s)`,
        recommendation: `${steady
          .map(r => r.name)
          .join(', ')} run around the clock in production. ${
          COMMIT_NAMES[target.provider] ?? 'Commitments'
        } for this baseline save ${money(
          oneYear,
        )} ${currency}/month over 1 year or ${money(
          threeYear,
        )} ${currency}/month over 3 years${
          pricing ? ` (${pricing.commitmentDiscounts.basis})` : ''
        }. Commit after a few weeks at the target, once rightsizing has settled.`,
        metrics: {
          machines: steady.length,
          onDemandMonthly: money(onDemand),
          savings1yMonthly: money(oneYear),
          savings3yMonthly: money(threeYear),
        },
        estimatedMonthlySavings: money(oneYear),
        currency,
        automationCapable: false,
        source: 'rules',
      });
    }
  }

  // Storage tiering.
  const general =
    pricing?.storageClasses.filter(s => s.use === 'general') ?? [];
  for (const r of running) {
    for (const disk of r.disks) {
      const current = pricing?.storageClasses.find(
        s => s.id === disk.storageClass,
      );
      if (
        !current ||
        current.use !== 'performance' ||
        disk.monthlyPrice === undefined
      )
        continue;
      const iops =
        r.postMigrationUtilization?.iopsP95 ?? r.sourceUtilization?.iopsP95;
      if (iops === undefined) continue;
      const cheaper = general
        .map(g => ({
          offer: g,
          monthly: storageMonthly(g, disk.sizeGiB),
          baseline:
            g.pricing === 'per-GiB'
              ? Math.min(
                  g.iops.max,
                  Math.max(g.iops.baseline, g.iops.perGiB * disk.sizeGiB),
                )
              : g.tiers.find(t => t.sizeGiB >= disk.sizeGiB)?.iops ?? 0,
        }))
        .filter(
          o =>
            o.monthly !== undefined &&
            o.baseline >= iops &&
            o.monthly < disk.monthlyPrice!,
        )
        .sort((a, b) => a.monthly! - b.monthly!);
      const best = cheaper[0];
      if (!best) continue;
      const saving = disk.monthlyPrice - best.monthly!;
      recommendations.push({
        id: `storage.${r.id}.${disk.name ?? disk.storageClass}`,
        category: 'cost',
        type: 'storage-tiering',
        impact: impactOf(saving, disk.monthlyPrice),
        title: `Move ${disk.name ?? 'a disk'} of ${r.name} to ${
          best.offer.name
        }`,
        recommendation: `The disk needs ${iops} IOPS (P95); ${best.offer.name} provides ${best.baseline} for ${disk.sizeGiB} GiB at a lower price than ${current.name}.`,
        resource: r.name,
        metrics: {
          iopsP95: iops,
          sizeGiB: disk.sizeGiB,
          currentClass: current.id,
          suggestedClass: best.offer.id,
        },
        estimatedMonthlySavings: money(saving),
        currency,
        automationCapable: true,
        source: 'rules',
      });
    }
    if (r.kind === 'bucket' && (r.storageGiB ?? 0) >= 100) {
      recommendations.push({
        id: `storage.${r.id}.lifecycle`,
        category: 'cost',
        type: 'storage-tiering',
        impact: 'low',
        title: `Add a lifecycle policy to ${r.name}`,
        recommendation: `${r.name} holds ${r.storageGiB} GiB. Transition objects not read for 30 days to an infrequent-access class (or enable intelligent tiering) and expire old versions.`,
        resource: r.name,
        metrics: { storageGiB: r.storageGiB ?? 0 },
        currency,
        automationCapable: true,
        source: 'rules',
      });
    }
  }

  // Carbon estimate and a lower-carbon region nearby.
  let carbon: OptimizationReport['carbon'];
  if (options.carbon) {
    const coefficients = carbonCoefficients(
      options.carbon,
      target.provider,
      target.region,
    );
    const data = options.carbon.providers[target.provider];
    if (coefficients && data) {
      carbon = estimateCarbon(
        vms
          .filter(r => r.vcpus)
          .map(r => {
            const u =
              r.postMigrationUtilization?.cpuP95 ?? r.sourceUtilization?.cpuP95;
            return {
              name: r.name,
              vcpus: r.vcpus!,
              memoryGb: r.memoryGiB ?? 0,
              utilization: u === undefined ? undefined : u / 100,
              storage: r.disks.map(d => ({
                tb: d.sizeGiB / 1024,
                ssd: !/st1|sc1|hdd|standard_lrs|pd-standard/i.test(
                  d.storageClass,
                ),
              })),
              hoursPerMonth: isNonProduction(r) ? (onHours * 52) / 12 : 730,
            };
          }),
        coefficients,
        {
          defaultUtilization: data.defaultUtilization,
          replication: data.blockStorageReplication,
        },
      );
      if (coefficients.regionFallback) {
        notes.push(
          `${target.region} has no grid intensity in the Cloud Carbon Footprint data; the ${target.provider} average was used.`,
        );
      }
      recommendations.push({
        id: 'carbon.estimate',
        category: 'sustainability',
        type: 'carbon',
        impact: 'low',
        title: `About ${Math.round(
          carbon.kgCo2ePerMonth,
        )} kg CO2e per month at ${target.region}`,
        recommendation: `Estimated with the Cloud Carbon Footprint method: ${Math.round(
          carbon.kwhPerMonth,
        )} kWh/month × ${
          coefficients.gridTonsCo2ePerKwh
        } tCO2e/kWh. Rightsizing and schedules above lower it proportionally to the vCPU-hours they remove.`,
        metrics: {
          kwhPerMonth: carbon.kwhPerMonth,
          kgCo2ePerMonth: carbon.kgCo2ePerMonth,
          gridTonsCo2ePerKwh: coefficients.gridTonsCo2ePerKwh,
          pue: coefficients.pue,
        },
        automationCapable: false,
        source: 'rules',
      });
      const here = geo(target.provider, target.region);
      const cleaner = Object.entries(data.gridTonsCo2ePerKwh)
        .filter(
          ([region, v]) =>
            region !== 'unknown' &&
            geo(target.provider, region) === here &&
            v < coefficients.gridTonsCo2ePerKwh * 0.5,
        )
        .sort((a, b) => a[1] - b[1])[0];
      if (cleaner && carbon.kgCo2ePerMonth > 0) {
        const kg =
          carbon.kgCo2ePerMonth *
          (1 - cleaner[1] / coefficients.gridTonsCo2ePerKwh);
        recommendations.push({
          id: 'carbon.region',
          category: 'sustainability',
          type: 'carbon',
          impact: kg >= 100 ? 'medium' : 'low',
          title: `${cleaner[0]} has a cleaner grid than ${target.region}`,
          recommendation: `Its grid intensity is ${
            cleaner[1]
          } tCO2e/kWh against ${
            coefficients.gridTonsCo2ePerKwh
          }; running there would avoid about ${Math.round(
            kg,
          )} kg CO2e a month. Check data residency, latency and prices before choosing it for a future wave.`,
          metrics: {
            region: cleaner[0],
            gridTonsCo2ePerKwh: cleaner[1],
            avoidableKgCo2ePerMonth: Math.round(kg),
          },
          automationCapable: false,
          source: 'rules',
        });
      }
    }
  }

  const total = recommendations.reduce(
    (s, r) =>
      s +
      (r.category === 'cost' &&
      r.estimatedMonthlySavings &&
      r.estimatedMonthlySavings > 0
        ? r.estimatedMonthlySavings
        : 0),
    0,
  );
  const order = { high: 0, medium: 1, low: 2 };
  recommendations.sort((a, b) => order[a.impact] - order[b.impact]);
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    recommendations,
    carbon,
    totalEstimatedMonthlySavings: money(total),
    currency,
    notes,
  };
}
