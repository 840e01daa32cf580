import type { InstancePriceRow } from '@sirsi-nexus/plugin-migration-node';

/** One item of the Azure Retail Prices API (the fields this source reads). */
export interface RetailPriceItem {
  currencyCode?: string;
  retailPrice: number;
  unitPrice?: number;
  armRegionName: string;
  armSkuName: string;
  meterName?: string;
  productName?: string;
  skuName?: string;
  serviceName?: string;
  type?: string;
  reservationTerm?: string;
  unitOfMeasure?: string;
  /**
   * Savings plan prices of a Consumption item (api-version `2023-01-01-preview` or later): hourly
   * prices per term, e.g. `[{ unitPrice: 0.0723, retailPrice: 0.0723, term: '1 Year' }]`.
   */
  savingsPlan?: Array<{
    unitPrice?: number;
    retailPrice?: number;
    term?: string;
  }>;
}

const HOURS_PER_YEAR = 8760;

/** Memory per vCPU of the general families whose size the name states (Dv5 4, Ev5 8, Fsv2 2, `l` low-memory 2). */
const GIB_PER_VCPU: Record<string, number> = { D: 4, E: 8, F: 2 };

/**
 * The shape an Azure size name states, e.g. `Standard_D4as_v5` → 4 vCPUs, 16 GiB, x86_64, and
 * `Standard_D4ps_v5` → arm64. Only the D, E and F families with plain vCPU counts (constrained
 * sizes like `E4-2s_v5` are left out); other types keep the shipped catalog's shape or are
 * dropped.
 */
export function azureShapeOf(
  name: string,
): Pick<InstancePriceRow, 'vcpus' | 'memoryGiB' | 'family' | 'architecture'> {
  const m = /^Standard_([DEF])(\d+)([a-z]*)_v(\d+)$/.exec(name);
  if (!m) return {};
  const [, letter, count, suffix, version] = m;
  const vcpus = Number(count);
  const perVcpu = suffix.includes('l') ? 2 : GIB_PER_VCPU[letter];
  return {
    vcpus,
    memoryGiB: vcpus * perVcpu,
    family: `${letter}${suffix}v${version}`,
    architecture: suffix.includes('p') ? 'arm64' : 'x86_64',
  };
}

/**
 * Whether an item is the Linux pay-as-you-go or reservation price of a VM size. Spot and Low
 * Priority meters are left out (capacity can be taken back, not comparable), and so is the
 * Windows product ("Virtual Machines Dsv5 Series Windows"): Azure prices the license in a
 * separate product, and the assessment adds the Windows license per vCPU itself.
 */
function isLinuxVmPrice(item: RetailPriceItem): boolean {
  if (!item.armSkuName || !item.armRegionName) return false;
  if (item.serviceName && item.serviceName !== 'Virtual Machines') return false;
  if (/Windows$/i.test(item.productName ?? '')) return false;
  const meter = `${item.meterName ?? ''} ${item.skuName ?? ''}`;
  if (/Spot|Low Priority/i.test(meter)) return false;
  return item.unitOfMeasure === undefined || item.unitOfMeasure === '1 Hour';
}

/** The hourly savings plan prices of a Consumption item, by term. */
function savingsPlanPrices(
  item: RetailPriceItem,
): Pick<InstancePriceRow, 'savingsPlan1yHourly' | 'savingsPlan3yHourly'> {
  const prices: Pick<
    InstancePriceRow,
    'savingsPlan1yHourly' | 'savingsPlan3yHourly'
  > = {};
  for (const plan of item.savingsPlan ?? []) {
    const price = plan.retailPrice ?? plan.unitPrice;
    if (price === undefined || !Number.isFinite(price) || price <= 0) continue;
    if (plan.term === '1 Year') prices.savingsPlan1yHourly = price;
    if (plan.term === '3 Years') prices.savingsPlan3yHourly = price;
  }
  return prices;
}

/**
 * Rows from Retail Prices items: the lowest Linux pay-as-you-go price per size and region, with
 * the reservation prices as effective hourly prices and the savings plan prices the Consumption
 * item carries (already hourly). A reservation item's price is the price of the whole term (its
 * unit of measure notwithstanding): 1 year ÷ 8,760 h, 3 years ÷ 26,280 h.
 */
export function rowsFromRetailItems(
  items: RetailPriceItem[],
): InstancePriceRow[] {
  const rows = new Map<string, InstancePriceRow>();
  const reserved = new Map<string, { y1?: number; y3?: number }>();
  for (const item of items) {
    if (!isLinuxVmPrice(item)) continue;
    const region = item.armRegionName.toLowerCase();
    const key = `${region}/${item.armSkuName}`;
    const price = item.retailPrice;
    if (!Number.isFinite(price) || price <= 0) continue;
    if (item.type === 'Reservation') {
      const terms = reserved.get(key) ?? {};
      if (item.reservationTerm === '1 Year') terms.y1 = price / HOURS_PER_YEAR;
      if (item.reservationTerm === '3 Years') {
        terms.y3 = price / (3 * HOURS_PER_YEAR);
      }
      reserved.set(key, terms);
    } else if (item.type === 'Consumption') {
      const known = rows.get(key);
      if (!known || price < known.hourlyPrice) {
        rows.set(key, {
          name: item.armSkuName,
          region,
          hourlyPrice: price,
          ...azureShapeOf(item.armSkuName),
          ...savingsPlanPrices(item),
        });
      }
    }
  }
  for (const [key, row] of rows) {
    const terms = reserved.get(key);
    if (terms?.y1 !== undefined) row.commit1yHourly = terms.y1;
    if (terms?.y3 !== undefined) row.commit3yHourly = terms.y3;
  }
  return [...rows.values()];
}
