import type {
  CarbonCoefficients,
  CarbonEstimate,
  Optimization,
} from '@sirsi-nexus/plugin-migration-common';
import {
  carbonCoefficients,
  estimateCarbon,
  type CarbonData,
  type CarbonResource,
  type ProviderCarbonData,
} from '../carbon';
import type { OptimizationResource } from '../optimizationResources';
import { isNonProduction } from '../resourceTags';
import type { RecommendContext } from './recommendContext';

/** The broad area a region lies in, for "a cleaner region nearby". */
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

function carbonResource(
  r: OptimizationResource,
  onHours: number,
): CarbonResource {
  const u = r.postMigrationUtilization?.cpuP95 ?? r.sourceUtilization?.cpuP95;
  return {
    name: r.name,
    vcpus: r.vcpus!,
    memoryGb: r.memoryGiB ?? 0,
    utilization: u === undefined ? undefined : u / 100,
    storage: r.disks.map(d => ({
      tb: d.sizeGiB / 1024,
      ssd: !/st1|sc1|hdd|standard_lrs|pd-standard/i.test(d.storageClass),
    })),
    hoursPerMonth: isNonProduction(r) ? (onHours * 52) / 12 : 730,
  };
}

function estimateRecommendation(
  carbon: CarbonEstimate,
  coefficients: CarbonCoefficients,
  region: string,
): Optimization {
  return {
    id: 'carbon.estimate',
    category: 'sustainability',
    type: 'carbon',
    impact: 'low',
    title: `About ${Math.round(
      carbon.kgCo2ePerMonth,
    )} kg CO2e per month at ${region}`,
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
  };
}

/** A region nearby whose grid is less than half as carbon-intensive, when there is one. */
function cleanerRegion(
  carbon: CarbonEstimate,
  coefficients: CarbonCoefficients,
  data: ProviderCarbonData,
  ctx: RecommendContext,
): Optimization | undefined {
  const { provider, region } = ctx.target;
  const here = geo(provider, region);
  const cleaner = Object.entries(data.gridTonsCo2ePerKwh)
    .filter(
      ([other, v]) =>
        other !== 'unknown' &&
        geo(provider, other) === here &&
        v < coefficients.gridTonsCo2ePerKwh * 0.5,
    )
    .sort((a, b) => a[1] - b[1])[0];
  if (!cleaner || carbon.kgCo2ePerMonth <= 0) return undefined;
  const kg =
    carbon.kgCo2ePerMonth * (1 - cleaner[1] / coefficients.gridTonsCo2ePerKwh);
  return {
    id: 'carbon.region',
    category: 'sustainability',
    type: 'carbon',
    impact: kg >= 100 ? 'medium' : 'low',
    title: `${cleaner[0]} has a cleaner grid than ${region}`,
    recommendation: `Its grid intensity is ${cleaner[1]} tCO2e/kWh against ${
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
  };
}

/**
 * The Cloud Carbon Footprint estimate of the machines at the target, and a lower-carbon region
 * nearby. Nothing without carbon data for the target cloud.
 */
export function carbonRecommendations(
  vms: readonly OptimizationResource[],
  data: CarbonData | undefined,
  ctx: RecommendContext,
): {
  carbon?: CarbonEstimate;
  recommendations: Optimization[];
  notes: string[];
} {
  const { provider, region } = ctx.target;
  const coefficients = data && carbonCoefficients(data, provider, region);
  const providerData = data?.providers[provider];
  if (!coefficients || !providerData) return { recommendations: [], notes: [] };
  const carbon = estimateCarbon(
    vms
      .filter(r => r.vcpus)
      .map(r => carbonResource(r, ctx.scheduleHoursPerWeek)),
    coefficients,
    {
      defaultUtilization: providerData.defaultUtilization,
      replication: providerData.blockStorageReplication,
    },
  );
  const notes = coefficients.regionFallback
    ? [
        `${region} has no grid intensity in the Cloud Carbon Footprint data; the ${provider} average was used.`,
      ]
    : [];
  const recommendations = [
    estimateRecommendation(carbon, coefficients, region),
  ];
  const cleaner = cleanerRegion(carbon, coefficients, providerData, ctx);
  if (cleaner) recommendations.push(cleaner);
  return { carbon, recommendations, notes };
}
