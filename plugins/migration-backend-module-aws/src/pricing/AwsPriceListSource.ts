import {
  GetProductsCommand,
  PricingClient,
  type Filter,
} from '@aws-sdk/client-pricing';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { stringifyError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  readRetrySettings,
  type FetchedInstancePrices,
  type InstancePriceRow,
  type PriceSource,
} from '@sirsi-nexus/plugin-migration-node';
import { awsCall } from '../clients/awsServiceError';
import { createRetryStrategy } from '../clients/retryStrategy';
import { readComputeSavingsPlans } from './computeSavingsPlans';
import {
  rowFromPriceListProduct,
  type PriceListProduct,
} from './priceListProducts';

// The Price List Query API answers in us-east-1 (also eu-central-1, ap-south-1) for all regions.
const PRICING_REGION = 'us-east-1';

const FILTERS: Record<string, string> = {
  productFamily: 'Compute Instance',
  operatingSystem: 'Linux',
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
};

/**
 * Options of {@link AwsPriceListSource}.
 *
 * @public
 */
export interface AwsPriceListSourceOptions {
  /** Root config: `aws.mainAccount` / default chain, `migration.prices.retry`. */
  config?: Config;
  /** Replaces the client built from config (tests). */
  client?: PricingClient;
  credentialsManager?: AwsCredentialsManager;
  now?: () => Date;
  /**
   * Reads the Compute Savings Plans price list too (public offer files); default true. When it
   * fails, the reservation prices stay and the catalog carries a warning.
   */
  savingsPlans?: boolean;
  /** Where the Savings Plans offer files are; default `https://pricing.us-east-1.amazonaws.com`. */
  savingsPlansBaseUrl?: string;
  logger?: LoggerService;
}

function pricingClient(options: AwsPriceListSourceOptions): PricingClient {
  const config = options.config ?? new ConfigReader({});
  const retry = readRetrySettings(
    config.getOptionalConfig('migration.prices') ?? new ConfigReader({}),
  );
  let manager = options.credentialsManager;
  return new PricingClient({
    region: PRICING_REGION,
    credentials: async () => {
      manager ??= DefaultAwsCredentialsManager.fromConfig(config);
      const { sdkCredentialProvider } = await manager.getCredentialProvider();
      return sdkCredentialProvider();
    },
    retryStrategy: createRetryStrategy(retry),
  });
}

/**
 * Instance prices from the AWS Price List Query API (`GetProducts` of `AmazonEC2` in us-east-1,
 * with the main account's or the default chain's credentials): Linux, shared tenancy, no
 * pre-installed software, on-demand plus Standard No Upfront reservations, per region (or every
 * region), following `NextToken`. Throttling is retried by the SDK with the service's hints;
 * rejected credentials are not. Compute Savings Plans are not in `GetProducts`: their No Upfront
 * prices come from the public Savings Plans price list in a second, optional step.
 *
 * @public
 */
export class AwsPriceListSource implements PriceSource {
  readonly provider = 'aws';
  private client?: PricingClient;

  constructor(private readonly options: AwsPriceListSourceOptions = {}) {
    this.client = options.client;
  }

  async fetchInstancePrices(options: {
    regions?: string[];
    signal?: AbortSignal;
  }): Promise<FetchedInstancePrices> {
    const fetchedAt = (this.options.now?.() ?? new Date()).toISOString();
    const rows = new Map<string, InstancePriceRow>();
    const scopes = options.regions?.length ? options.regions : [undefined];
    for (const region of scopes) {
      for await (const product of this.products(region, options.signal)) {
        const row = rowFromPriceListProduct(product);
        if (!row) continue;
        const key = `${row.region}/${row.name}`;
        const known = rows.get(key);
        if (!known || row.hourlyPrice < known.hourlyPrice) rows.set(key, row);
      }
    }
    const list = [...rows.values()];
    const regions = options.regions?.length
      ? [...options.regions]
      : [...new Set(list.map(r => r.region))].sort();
    const warnings = await this.addSavingsPlans(list, regions, options.signal);
    return {
      provider: 'aws',
      currency: 'USD',
      source: `AWS Price List Query API (GetProducts, AmazonEC2: Linux, shared tenancy, on-demand and Standard No Upfront reservations)${this.savingsPlansNote(
        warnings,
      )}`,
      fetchedAt,
      regions,
      rows: list,
      ...(warnings.length ? { warnings } : {}),
    };
  }

  /** What the catalog's source says about savings plans (stored with it, shown in assessments). */
  private savingsPlansNote(warnings: string[]): string {
    if (this.options.savingsPlans === false) return '';
    if (warnings.length === 0) {
      return ' and AWS Savings Plans price list (AWSComputeSavingsPlan, No Upfront)';
    }
    return '; the AWS Savings Plans price list could not be read, savings plans at the shipped discounts';
  }

  /**
   * Adds the Compute Savings Plan prices to the rows; a failure leaves the rows as they are and
   * comes back as a warning.
   */
  private async addSavingsPlans(
    rows: InstancePriceRow[],
    regions: string[],
    signal?: AbortSignal,
  ): Promise<string[]> {
    if (this.options.savingsPlans === false || rows.length === 0) return [];
    try {
      const prices = await readComputeSavingsPlans({
        regions,
        baseUrl: this.options.savingsPlansBaseUrl,
        signal,
      });
      for (const row of rows) {
        const plan = prices.get(`${row.region}/${row.name}`);
        if (plan?.y1 !== undefined) row.savingsPlan1yHourly = plan.y1;
        if (plan?.y3 !== undefined) row.savingsPlan3yHourly = plan.y3;
      }
      return [];
    } catch (error) {
      if (signal?.aborted) throw error;
      const warning = `AWS Savings Plans price list could not be read, savings plans take the shipped catalog's discounts: ${stringifyError(
        error,
      )}`;
      this.options.logger?.warn(warning);
      return [warning];
    }
  }

  private async *products(
    region: string | undefined,
    signal?: AbortSignal,
  ): AsyncGenerator<PriceListProduct> {
    this.client ??= pricingClient(this.options);
    const client = this.client;
    const filters: Filter[] = Object.entries({
      ...FILTERS,
      ...(region ? { regionCode: region } : {}),
    }).map(([Field, Value]) => ({ Type: 'TERM_MATCH', Field, Value }));
    let token: string | undefined;
    do {
      const page = await this.page(client, filters, token, signal);
      for (const entry of page.PriceList ?? []) {
        yield JSON.parse(String(entry)) as PriceListProduct;
      }
      token = page.NextToken;
    } while (token);
  }

  private page(
    client: PricingClient,
    filters: Filter[],
    token: string | undefined,
    signal?: AbortSignal,
  ) {
    return awsCall(
      {
        service: 'AWS Price List',
        action: 'pricing:GetProducts',
        region: PRICING_REGION,
      },
      () =>
        client.send(
          new GetProductsCommand({
            ServiceCode: 'AmazonEC2',
            Filters: filters,
            FormatVersion: 'aws_v1',
            MaxResults: 100,
            NextToken: token,
          }),
          { abortSignal: signal },
        ),
    );
  }
}
