import fs from 'node:fs';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type {
  CarbonCoefficients,
  CarbonEstimate,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * One provider's coefficients in `data/carbon/ccf-coefficients.json`.
 *
 * @public
 */
export interface ProviderCarbonData {
  minWattsPerVcpu: number;
  maxWattsPerVcpu: number;
  pue: number;
  pueByRegion?: Record<string, number>;
  memoryKwhPerGbHour: number;
  ssdWhPerTbHour: number;
  hddWhPerTbHour: number;
  blockStorageReplication: number;
  defaultUtilization: number;
  sources: string[];
  gridTonsCo2ePerKwh: Record<string, number>;
}

/**
 * The shipped Cloud Carbon Footprint coefficients.
 *
 * @public
 */
export interface CarbonData {
  methodology: string;
  formula: string;
  retrieved: string;
  notes: string;
  providers: Record<string, ProviderCarbonData>;
}

let shipped: CarbonData | undefined;

/**
 * Loads `data/carbon/ccf-coefficients.json` (once).
 *
 * @public
 */
export function loadCarbonData(): CarbonData {
  shipped ??= JSON.parse(
    fs.readFileSync(
      resolvePackagePath(
        '@sirsi-nexus/plugin-migration-assessment-node',
        'data',
        'carbon',
        'ccf-coefficients.json',
      ),
      'utf8',
    ),
  ) as CarbonData;
  return shipped;
}

/**
 * The coefficients for one provider region; the provider's average grid intensity when the
 * region is not listed (and `regionFallback` says so).
 *
 * @public
 */
export function carbonCoefficients(
  data: CarbonData,
  provider: string,
  region: string,
): CarbonCoefficients | undefined {
  const p = data.providers[provider];
  if (!p) return undefined;
  const key = region.toLowerCase();
  const grid = p.gridTonsCo2ePerKwh[key];
  return {
    provider,
    region,
    minWattsPerVcpu: p.minWattsPerVcpu,
    maxWattsPerVcpu: p.maxWattsPerVcpu,
    pue: p.pueByRegion?.[key] ?? p.pue,
    gridTonsCo2ePerKwh: grid ?? p.gridTonsCo2ePerKwh.unknown,
    memoryKwhPerGbHour: p.memoryKwhPerGbHour,
    ssdWhPerTbHour: p.ssdWhPerTbHour,
    hddWhPerTbHour: p.hddWhPerTbHour,
    regionFallback: grid === undefined,
    sources: [data.methodology, ...p.sources],
  };
}

/**
 * A running resource as the carbon estimate sees it.
 *
 * @public
 */
export interface CarbonResource {
  name: string;
  vcpus: number;
  memoryGb: number;
  /** CPU utilisation 0–1; the provider default (CCF: 50 %) when absent. */
  utilization?: number;
  /** Block storage in TB and whether it is SSD. */
  storage: Array<{ tb: number; ssd: boolean }>;
  /** Hours per month it runs (default 730). */
  hoursPerMonth?: number;
}

const round = (n: number, digits = 3) => Number(n.toFixed(digits));

/**
 * The Cloud Carbon Footprint estimate: compute energy = vCPU-hours × (min + utilisation ×
 * (max − min)) W, storage energy = TB-hours × Wh/TB-h × replication; both × PUE; emissions =
 * energy × the region's grid intensity.
 *
 * @public
 */
export function estimateCarbon(
  resources: CarbonResource[],
  coefficients: CarbonCoefficients,
  options: { defaultUtilization: number; replication: number },
): CarbonEstimate {
  const c = coefficients;
  const perResource = resources.map(r => {
    const hours = r.hoursPerMonth ?? 730;
    const measured = r.utilization !== undefined;
    const utilization = Math.min(
      1,
      Math.max(0, r.utilization ?? options.defaultUtilization),
    );
    const watts =
      c.minWattsPerVcpu + utilization * (c.maxWattsPerVcpu - c.minWattsPerVcpu);
    const computeKwh = (r.vcpus * hours * watts) / 1000;
    const storageKwh = r.storage.reduce(
      (sum, s) =>
        sum +
        (s.tb *
          hours *
          (s.ssd ? c.ssdWhPerTbHour : c.hddWhPerTbHour) *
          options.replication) /
          1000,
      0,
    );
    const kwh = (computeKwh + storageKwh) * c.pue;
    return {
      resource: r.name,
      vcpus: r.vcpus,
      utilization: round(utilization),
      utilizationSource: measured
        ? ('measured' as const)
        : ('default' as const),
      memoryGb: r.memoryGb,
      storageTb: round(r.storage.reduce((s, d) => s + d.tb, 0)),
      kwhPerMonth: round(kwh),
      kgCo2ePerMonth: round(kwh * c.gridTonsCo2ePerKwh * 1000),
    };
  });
  const kwhPerMonth = perResource.reduce((s, r) => s + r.kwhPerMonth, 0);
  return {
    hoursPerMonth: resources[0]?.hoursPerMonth ?? 730,
    kwhPerMonth: round(kwhPerMonth),
    kgCo2ePerMonth: round(kwhPerMonth * c.gridTonsCo2ePerKwh * 1000),
    perResource,
    coefficients: c,
    formula:
      'kWh = (vCPUs × hours × (minW + utilisation × (maxW − minW)) + storage TB × hours × Wh/TB-h × replication) / 1000 × PUE; kgCO2e = kWh × grid tCO2e/kWh × 1000',
  };
}
