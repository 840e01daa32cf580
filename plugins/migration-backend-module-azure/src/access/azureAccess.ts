import type { TokenCredential } from '@azure/core-auth';
import { DefaultAzureCredential } from '@azure/identity';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readRetrySettings,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import { throttlingBackoffPolicy } from '../discovery/throttlingPolicy';
import { azureCredentialFromConfig } from './azureCredential';

/**
 * How to reach Azure Resource Manager for a capability: the credential, retry settings and
 * endpoint of a configured environment, or the default credential chain.
 *
 * @public
 */
export interface AzureAccess {
  credential: TokenCredential;
  retry: RetrySettings;
  /** Resource Manager endpoint for sovereign clouds. */
  endpoint?: string;
  /** The environment's subscription, a default for blocks that omit theirs. */
  subscriptionId?: string;
  /** The `migration.environments[]` entry the access comes from. */
  environmentId?: string;
}

/**
 * Makes the credential of an environment (by id, or the default chain for `undefined`); lets
 * tests and custom auth replace the credentials built from config.
 *
 * @public
 */
export type AzureCredentialFactory = (
  environmentId: string | undefined,
) => TokenCredential | undefined;

const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/**
 * Finds the Azure access of the capabilities: an explicit `environment` key of their config block
 * wins, then the migration's target environment when it is an Azure one, then the default chain.
 * Credentials are built once per environment, so their token caches are shared.
 */
export class AzureAccessResolver {
  private readonly cache = new Map<string, AzureAccess>();

  constructor(
    private readonly rootConfig: Config,
    private readonly credentialFor?: AzureCredentialFactory,
  ) {}

  /**
   * @param options.environment - the `environment` key of the capability's block, if set
   * @param options.target - the migration's target environment, used when it is an Azure one
   * @param options.field - the config key of the block, for messages
   */
  resolve(options: {
    environment?: string;
    target?: string;
    field: string;
    retry?: Config;
  }): AzureAccess {
    const explicit = options.environment;
    const found = explicit
      ? this.environment(explicit, `${options.field}.environment`)
      : this.azureEnvironment(options.target);
    const key = found?.id ?? '';
    let access = this.cache.get(key);
    if (!access) {
      access = found
        ? this.fromEnvironment(found.id, found.config, found.key)
        : {
            credential:
              this.credentialFor?.(undefined) ?? new DefaultAzureCredential(),
            retry: DEFAULT_RETRY,
          };
      this.cache.set(key, access);
    }
    if (options.retry?.has('retry')) {
      return { ...access, retry: readRetrySettings(options.retry) };
    }
    return access;
  }

  private fromEnvironment(id: string, config: Config, key: string) {
    const block = config.getConfig('azure');
    return {
      credential:
        this.credentialFor?.(id) ??
        azureCredentialFromConfig(block, `${key}.azure`),
      retry: readRetrySettings(config),
      endpoint: block.getOptionalString('endpoint'),
      subscriptionId: block.getOptionalString('subscriptionId'),
      environmentId: id,
    };
  }

  private environments() {
    return (
      this.rootConfig.getOptionalConfigArray('migration.environments') ?? []
    ).map((config, index) => ({
      id: config.getOptionalString('id'),
      provider: config.getOptionalString('provider'),
      config,
      key: `migration.environments[${index}]`,
    }));
  }

  private environment(id: string, field: string) {
    const found = this.environments().find(e => e.id === id);
    if (!found || found.provider !== 'azure') {
      throw new InputError(
        `${field}: "${id}" is not an environment with provider: azure in migration.environments`,
      );
    }
    return { ...found, id };
  }

  private azureEnvironment(id: string | undefined) {
    if (!id) return undefined;
    const found = this.environments().find(
      e => e.id === id && e.provider === 'azure',
    );
    return found ? { ...found, id } : undefined;
  }
}

/**
 * Options of an Azure Resource Manager client: the endpoint, and throttling (429 with
 * `Retry-After`) and transient errors retried by one policy instead of the SDK's own retries.
 */
export function armClientOptions(access: AzureAccess) {
  return {
    endpoint: access.endpoint,
    retryOptions: { maxRetries: 0 },
    additionalPolicies: [
      {
        policy: throttlingBackoffPolicy(access.retry),
        // After signing, next to the transport: it sees the raw 429 before the SDK turns it into an error.
        position: 'perRetry' as const,
      },
    ],
  };
}
