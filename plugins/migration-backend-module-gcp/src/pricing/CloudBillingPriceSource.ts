import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  type FetchedInstancePrices,
  type PriceSource,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import type { GoogleAuth } from 'google-auth-library';
import { callGoogle } from '../google/googleRetry';
import { rowsFromComputeSkus, type BillingSku } from './computeSkus';

/** The Cloud Billing Catalog's id of Compute Engine. */
const COMPUTE_ENGINE = '6F81-5844-456A';
const DEFAULT_ENDPOINT = 'https://cloudbilling.googleapis.com';

interface SkusPage {
  skus?: BillingSku[];
  nextPageToken?: string;
}

/**
 * Options of {@link CloudBillingPriceSource}.
 *
 * @public
 */
export interface CloudBillingPriceSourceOptions {
  /** Credentials with access to the Cloud Billing API (any project's; the catalog is public). */
  auth: () => GoogleAuth;
  retry: RetrySettings;
  /** Default `https://cloudbilling.googleapis.com`. */
  endpoint?: string;
  logger?: LoggerService;
  now?: () => Date;
}

/**
 * Instance prices from the Google Cloud Billing Catalog API (`services/6F81-5844-456A/skus`,
 * Compute Engine, in USD), following `nextPageToken`: the per-vCPU and per-GiB rates of the E2,
 * N2, N2D and T2A families (on demand and 1/3-year resource-based commitments) turned into the
 * prices of their standard machine types. Rate limits are retried after `Retry-After`; rejected
 * credentials are not.
 *
 * @public
 */
export class CloudBillingPriceSource implements PriceSource {
  readonly provider = 'gcp';

  constructor(private readonly options: CloudBillingPriceSourceOptions) {}

  async fetchInstancePrices(options: {
    regions?: string[];
    signal?: AbortSignal;
  }): Promise<FetchedInstancePrices> {
    const fetchedAt = (this.options.now?.() ?? new Date()).toISOString();
    const endpoint = this.options.endpoint ?? DEFAULT_ENDPOINT;
    const auth = this.options.auth();
    const skus: BillingSku[] = [];
    let pageToken: string | undefined;
    do {
      const url = new URL(`${endpoint}/v1/services/${COMPUTE_ENGINE}/skus`);
      url.searchParams.set('currencyCode', 'USD');
      url.searchParams.set('pageSize', '5000');
      if (pageToken) url.searchParams.set('pageToken', pageToken);
      const response = await callGoogle(
        'Cloud Billing Catalog: list Compute Engine SKUs',
        () =>
          auth.request<SkusPage>({
            url: url.toString(),
            signal: options.signal,
          }),
        { retry: this.options.retry, signal: options.signal },
      );
      skus.push(...(response.data.skus ?? []));
      pageToken = response.data.nextPageToken || undefined;
    } while (pageToken);
    const rows = rowsFromComputeSkus(skus, options.regions);
    return {
      provider: 'gcp',
      currency: 'USD',
      source: `Google Cloud Billing Catalog API (${endpoint}/v1/services/${COMPUTE_ENGINE}/skus: Compute Engine per-vCPU and per-GiB rates of E2, N2, N2D, T2A × standard shapes)`,
      fetchedAt,
      regions: options.regions?.length
        ? [...options.regions]
        : [...new Set(rows.map(r => r.region))].sort(),
      rows,
    };
  }
}
