import type { LoggerService } from '@backstage/backend-plugin-api';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AuthenticationError,
  NotAllowedError,
  ResponseError,
} from '@backstage/errors';
import type {
  FetchedInstancePrices,
  PriceSource,
} from '@sirsi-nexus/plugin-migration-node';
import { rowsFromRetailItems, type RetailPriceItem } from './azureRetailItems';

const DEFAULT_BASE_URL = 'https://prices.azure.com/api/retail/prices';
// Savings plan prices (the `savingsPlan` array of Consumption items) come only with this version
// or later; the filter is case-sensitive from it on.
const API_VERSION = '2023-01-01-preview';

interface RetailPricesPage {
  BillingCurrency?: string;
  Items: RetailPriceItem[];
  NextPageLink?: string | null;
  Count?: number;
}

/**
 * Options of {@link AzureRetailPriceSource}.
 *
 * @public
 */
export interface AzureRetailPriceSourceOptions {
  /** Default `https://prices.azure.com/api/retail/prices`. */
  baseUrl?: string;
  logger?: LoggerService;
  /** Attempts per page when the API throttles (429) or fails (5xx); default 6. */
  maxAttempts?: number;
  /** Waits between attempts (tests replace it); default a timer that the signal cancels. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock of `fetchedAt`. */
  now?: () => Date;
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal });
}

/** Retry-After in seconds (or an HTTP date), else exponential from 1 s, at most 60 s. */
function retryDelayMs(response: Response, attempt: number): number {
  const header = response.headers.get('retry-after');
  const seconds = Number(header);
  if (header && Number.isFinite(seconds)) return Math.min(seconds, 60) * 1000;
  const date = header ? Date.parse(header) : NaN;
  if (Number.isFinite(date)) {
    return Math.min(Math.max(date - Date.now(), 0), 60_000);
  }
  return Math.min(1000 * 2 ** (attempt - 1), 60_000);
}

/**
 * Instance prices from the Azure Retail Prices API (public, no credentials): the `Virtual
 * Machines` service's Linux pay-as-you-go prices with the 1- and 3-year reservation and savings
 * plan prices, per
 * region (or every region), following `NextPageLink`. Throttled (429) and failed (5xx) pages are
 * retried after `Retry-After`; 401/403 are not retried.
 *
 * @public
 */
export class AzureRetailPriceSource implements PriceSource {
  readonly provider = 'azure';
  private readonly baseUrl: string;
  private readonly maxAttempts: number;
  private readonly sleep: NonNullable<AzureRetailPriceSourceOptions['sleep']>;
  private readonly now: () => Date;

  constructor(private readonly options: AzureRetailPriceSourceOptions = {}) {
    this.baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 6);
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? (() => new Date());
  }

  async fetchInstancePrices(options: {
    regions?: string[];
    signal?: AbortSignal;
  }): Promise<FetchedInstancePrices> {
    const fetchedAt = this.now().toISOString();
    const items: RetailPriceItem[] = [];
    let currency = 'USD';
    const scopes = options.regions?.length ? options.regions : [undefined];
    for (const region of scopes) {
      for (const priceType of ['Consumption', 'Reservation']) {
        const filter = [
          "serviceName eq 'Virtual Machines'",
          `priceType eq '${priceType}'`,
          ...(region ? [`armRegionName eq '${region.toLowerCase()}'`] : []),
        ].join(' and ');
        const url = new URL(this.baseUrl);
        url.searchParams.set('api-version', API_VERSION);
        url.searchParams.set('$filter', filter);
        let next: string | undefined = url.toString();
        while (next) {
          const page = await this.getPage(next, options.signal);
          currency = page.BillingCurrency ?? currency;
          items.push(...page.Items);
          next = page.NextPageLink ?? undefined;
        }
      }
    }
    const rows = rowsFromRetailItems(items);
    const regions = options.regions?.length
      ? options.regions.map(r => r.toLowerCase())
      : [...new Set(rows.map(r => r.region))].sort();
    return {
      provider: 'azure',
      currency,
      source: `Azure Retail Prices API (${this.baseUrl}, Virtual Machines, Linux pay-as-you-go, reservations and savings plans)`,
      fetchedAt,
      regions,
      rows,
    };
  }

  private async getPage(
    url: string,
    signal?: AbortSignal,
  ): Promise<RetailPricesPage> {
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(url, { signal });
      if (response.ok) return (await response.json()) as RetailPricesPage;
      if (response.status === 401) {
        throw new AuthenticationError(
          `Azure Retail Prices API refused the request (401) for ${url}`,
        );
      }
      if (response.status === 403) {
        throw new NotAllowedError(
          `Azure Retail Prices API refused the request (403) for ${url}`,
        );
      }
      const retriable = response.status === 429 || response.status >= 500;
      if (!retriable || attempt >= this.maxAttempts) {
        throw await ResponseError.fromResponse(response);
      }
      const waitMs = retryDelayMs(response, attempt);
      await response.body?.cancel();
      this.options.logger?.warn(
        `Azure Retail Prices API answered ${response.status}; retrying in ${waitMs} ms (attempt ${attempt} of ${this.maxAttempts})`,
      );
      await this.sleep(waitMs, signal);
    }
  }
}
