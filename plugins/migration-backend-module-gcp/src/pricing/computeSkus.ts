import type { InstancePriceRow } from '@sirsi-nexus/plugin-migration-node';

/** One SKU of the Cloud Billing Catalog (the fields this source reads). */
export interface BillingSku {
  skuId?: string;
  description: string;
  category?: { resourceFamily?: string; usageType?: string };
  serviceRegions?: string[];
  pricingInfo?: Array<{
    pricingExpression?: {
      usageUnit?: string;
      tieredRates?: Array<{
        startUsageAmount?: number;
        unitPrice?: { currencyCode?: string; units?: string; nanos?: number };
      }>;
    };
  }>;
}

/**
 * A machine family whose types are priced as vCPUs × core rate + GiB × RAM rate, with the label
 * its SKUs carry ("N2 Instance Core running in Americas") and the standard shapes of its types.
 */
interface Family {
  family: string;
  label: string;
  architecture: 'x86_64' | 'arm64';
  /** Memory per vCPU by type class. */
  classes: Record<string, number>;
  sizes: number[];
}

const FAMILIES: Family[] = [
  {
    family: 'e2',
    label: 'E2',
    architecture: 'x86_64',
    classes: { standard: 4, highmem: 8, highcpu: 1 },
    sizes: [2, 4, 8, 16, 32],
  },
  {
    family: 'n2',
    label: 'N2',
    architecture: 'x86_64',
    classes: { standard: 4, highmem: 8, highcpu: 1 },
    sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128],
  },
  {
    family: 'n2d',
    label: 'N2D AMD',
    architecture: 'x86_64',
    classes: { standard: 4, highmem: 8, highcpu: 1 },
    sizes: [2, 4, 8, 16, 32, 48, 64, 80, 96, 128, 224],
  },
  {
    family: 't2a',
    label: 'T2A Arm',
    architecture: 'arm64',
    classes: { standard: 4 },
    sizes: [1, 2, 4, 8, 16, 32, 48],
  },
];

type Rates = Map<string, { rate: number; scope: number }>;

function price(sku: BillingSku, unit: string): number | undefined {
  const expression = sku.pricingInfo?.[0]?.pricingExpression;
  if (expression?.usageUnit !== unit) return undefined;
  const tier = expression.tieredRates?.find(
    t => Number(t.unitPrice?.units ?? 0) + (t.unitPrice?.nanos ?? 0) > 0,
  );
  if (!tier?.unitPrice || (tier.unitPrice.currencyCode ?? 'USD') !== 'USD') {
    return undefined;
  }
  return Number(tier.unitPrice.units ?? 0) + (tier.unitPrice.nanos ?? 0) / 1e9;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Which family, part and price kind a SKU is, from its description and usage type. */
function classify(
  sku: BillingSku,
): { family: string; part: 'core' | 'ram'; kind: string } | undefined {
  const usage = sku.category?.usageType;
  for (const f of FAMILIES) {
    const label = escape(f.label);
    if (usage === 'OnDemand') {
      const m = new RegExp(
        `^${label} Instance (Core|Ram) running in `,
        'i',
      ).exec(sku.description);
      if (m) {
        return {
          family: f.family,
          part: m[1].toLowerCase() === 'core' ? 'core' : 'ram',
          kind: 'onDemand',
        };
      }
    }
    if (usage === 'Commit1Yr' || usage === 'Commit3Yr') {
      const m = new RegExp(`^Commitment v1: ${label} (Cpu|Ram) in `, 'i').exec(
        sku.description,
      );
      if (m) {
        return {
          family: f.family,
          part: m[1].toLowerCase() === 'cpu' ? 'core' : 'ram',
          kind: usage,
        };
      }
    }
  }
  return undefined;
}

/**
 * Rows from Compute Engine SKUs. The Catalog prices families per vCPU-hour and per GiB-hour
 * (on demand, and resource-based commitments of 1 and 3 years), not machine types: a type's price
 * is vCPUs × core rate + memory × RAM rate, for the standard shapes of E2, N2, N2D and T2A.
 * Spot/preemptible, sole-tenant, custom, shared-core and the families whose SKUs name no family
 * label this way (C2 "Compute optimized", M1 "Memory-optimized") are not derived. Where several SKUs
 * cover a region, the one naming the fewest regions wins. Rows carry no savings plan prices:
 * Compute Engine has no savings plan for instances (flexible committed use discounts are
 * spend-based), so the assessment prices a savings plan request on GCP at these committed use
 * prices and says so.
 */
export function rowsFromComputeSkus(
  skus: BillingSku[],
  regions?: string[],
): InstancePriceRow[] {
  const wanted = regions?.length ? new Set(regions) : undefined;
  const rates: Rates = new Map();
  for (const sku of skus) {
    const what = classify(sku);
    if (!what) continue;
    const rate = price(sku, what.part === 'core' ? 'h' : 'GiBy.h');
    if (rate === undefined) continue;
    const scope = sku.serviceRegions?.length ?? 0;
    for (const region of sku.serviceRegions ?? []) {
      if (wanted && !wanted.has(region)) continue;
      const key = `${region}|${what.family}|${what.part}|${what.kind}`;
      const known = rates.get(key);
      if (!known || scope < known.scope) rates.set(key, { rate, scope });
    }
  }
  const rate = (region: string, family: string, part: string, kind: string) =>
    rates.get(`${region}|${family}|${part}|${kind}`)?.rate;
  const allRegions = new Set([...rates.keys()].map(k => k.split('|')[0]));
  const rows: InstancePriceRow[] = [];
  for (const region of [...allRegions].sort()) {
    for (const f of FAMILIES) {
      const cost = (kind: string, vcpus: number, memoryGiB: number) => {
        const core = rate(region, f.family, 'core', kind);
        const ram = rate(region, f.family, 'ram', kind);
        return core === undefined || ram === undefined
          ? undefined
          : vcpus * core + memoryGiB * ram;
      };
      for (const [cls, perVcpu] of Object.entries(f.classes)) {
        for (const vcpus of f.sizes) {
          const memoryGiB = vcpus * perVcpu;
          const hourlyPrice = cost('onDemand', vcpus, memoryGiB);
          if (hourlyPrice === undefined) continue;
          const row: InstancePriceRow = {
            name: `${f.family}-${cls}-${vcpus}`,
            region,
            hourlyPrice,
            vcpus,
            memoryGiB,
            family: f.family,
            architecture: f.architecture,
          };
          const y1 = cost('Commit1Yr', vcpus, memoryGiB);
          const y3 = cost('Commit3Yr', vcpus, memoryGiB);
          if (y1 !== undefined) row.commit1yHourly = y1;
          if (y3 !== undefined) row.commit3yHourly = y3;
          rows.push(row);
        }
      }
    }
  }
  return rows;
}
