/**
 * The hourly price of one instance type in one region, as a cloud's public price source
 * publishes it: Linux (no license), shared tenancy, on-demand. Shapes (vCPU, memory) are given
 * when the source states them; a row without a shape is matched against the shapes the shipped
 * catalog knows and dropped when no shape is known.
 *
 * @public
 */
export interface InstancePriceRow {
  /** The type as the cloud names it, e.g. `m5.large`, `Standard_D2s_v5`, `n2-standard-4`. */
  name: string;
  /** Region id, lower case, e.g. `us-east-1`, `westeurope`, `europe-west1`. */
  region: string;
  /** On-demand price per hour in the catalog's currency. */
  hourlyPrice: number;
  /**
   * Effective hourly price with a 1-year reservation (Azure Reserved VM Instances, AWS Standard
   * Reserved Instances no upfront, GCP resource-based committed use), when the source publishes one.
   */
  commit1yHourly?: number;
  /** Effective hourly price with a 3-year reservation / committed use, when the source publishes one. */
  commit3yHourly?: number;
  /**
   * Hourly price under a 1-year savings plan (Azure savings plan for compute, AWS Compute Savings
   * Plans no upfront), when the source publishes one. Google Cloud has none for instances.
   */
  savingsPlan1yHourly?: number;
  /** Hourly price under a 3-year savings plan, when the source publishes one. */
  savingsPlan3yHourly?: number;
  vcpus?: number;
  memoryGiB?: number;
  family?: string;
  architecture?: 'x86_64' | 'arm64';
}

/**
 * What one refresh of a price source returned.
 *
 * @public
 */
export interface FetchedInstancePrices {
  provider: string;
  /** ISO 4217, e.g. `USD`. */
  currency: string;
  /** The API or file the prices came from, e.g. `Azure Retail Prices API (https://prices.azure.com/api/retail/prices)`. */
  source: string;
  /** When the source was read (ISO 8601). */
  fetchedAt: string;
  /** The regions the refresh covered (also those where no type is priced). */
  regions: string[];
  rows: InstancePriceRow[];
  /**
   * What the refresh could not read and left out, e.g. the savings plan price list when it failed
   * (the reservation prices stay).
   */
  warnings?: string[];
}

/**
 * A cloud's public price list for instance types (the Azure Retail Prices API, the AWS Price
 * List, the Google Cloud Billing Catalog). The migration backend refreshes the stored catalogs
 * from it on `migration.prices.refresh`; the assessment prefers the newest stored catalog of the
 * target region over the catalog shipped with the assessment.
 *
 * @public
 */
export interface PriceSource {
  /** The provider id the prices are for (`aws`, `azure`, `gcp`). */
  readonly provider: string;
  /**
   * Reads the current prices.
   *
   * @param options.regions - the regions to read; all regions the source publishes when omitted.
   * @param options.signal - aborts the paging.
   * @throws AuthenticationError / NotAllowedError when the credentials are refused (never retried).
   */
  fetchInstancePrices(options: {
    regions?: string[];
    signal?: AbortSignal;
  }): Promise<FetchedInstancePrices>;
}
