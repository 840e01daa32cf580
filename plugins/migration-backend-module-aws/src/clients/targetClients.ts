import { EC2Client } from '@aws-sdk/client-ec2';
import { MgnClient } from '@aws-sdk/client-mgn';
import { Route53Client } from '@aws-sdk/client-route-53';
import type { Config } from '@backstage/config';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  readRetrySettings,
  type CapabilityTarget,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import { createRetryStrategy } from './retryStrategy';

/**
 * The AWS SDK clients of one migration target (its region and the target environment's
 * credentials); replaceable in tests.
 *
 * @public
 */
export interface AwsTargetClients {
  /** Application Migration Service in the target region. */
  mgn(target: CapabilityTarget): MgnClient;
  /** EC2 in the target region (launch templates, launched instances). */
  ec2(target: CapabilityTarget): EC2Client;
  /**
   * Route 53 (global), with the credentials of `accountId` when given, else the target's (the
   * main account or default chain when the target is another cloud).
   */
  route53(target: CapabilityTarget, accountId?: string): Route53Client;
}

const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

interface TargetAccount {
  accountId?: string;
  ec2Endpoint?: string;
  retry: RetrySettings;
}

/**
 * The `aws` block of the environment `target.environmentId` names, or the main account / default
 * chain without one.
 */
function targetAccount(config: Config, target: CapabilityTarget) {
  if (!REGION.test(target.region ?? '')) {
    throw new InputError(
      `target.region: "${target.region}" is not an AWS region name such as eu-west-1`,
    );
  }
  if (!target.environmentId) {
    return { retry: readRetrySettings(new ConfigReader({})) };
  }
  const environment = (
    config.getOptionalConfigArray('migration.environments') ?? []
  ).find(e => e.getOptionalString('id') === target.environmentId);
  if (!environment) {
    throw new InputError(
      `target.environmentId: "${target.environmentId}" is not in migration.environments`,
    );
  }
  const aws = environment.getOptionalConfig('aws');
  if (!aws) {
    throw new InputError(
      `migration.environments "${target.environmentId}": the target of an AWS migration needs an aws block (aws.accountId, aws.regions)`,
    );
  }
  return {
    accountId: aws.getOptionalString('accountId'),
    ec2Endpoint: aws.getOptionalString('endpoint'),
    retry: readRetrySettings(environment),
  };
}

/**
 * Builds the clients of migration targets from the root config: credentials through Backstage's
 * AWS integration (`aws.accounts`, `aws.mainAccount`) for the account the target environment's
 * `aws.accountId` names, else the default credential chain; throttling and transient errors are
 * retried by the SDK's retry strategy (which honours `Retry-After`) with the environment's
 * `retry` settings.
 *
 * @public
 */
export function createAwsTargetClients(
  config: Config,
  credentialsManager?: AwsCredentialsManager,
): AwsTargetClients {
  let manager = credentialsManager;
  const cache = new Map<string, unknown>();

  const clientConfig = (account: TargetAccount, region: string) => {
    const accountId = account.accountId;
    const retry = account.retry;
    return {
      region,
      credentials: async () => {
        manager ??= DefaultAwsCredentialsManager.fromConfig(config);
        const { sdkCredentialProvider } = await manager.getCredentialProvider(
          accountId ? { accountId } : undefined,
        );
        return sdkCredentialProvider();
      },
      retryStrategy: createRetryStrategy(retry),
    };
  };

  function cached<T>(key: string, build: () => T): T {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as T;
  }

  return {
    mgn(target) {
      const account = targetAccount(config, target);
      return cached(
        `mgn|${target.region}|${target.environmentId ?? ''}`,
        () => new MgnClient(clientConfig(account, target.region)),
      );
    },
    ec2(target) {
      const account = targetAccount(config, target);
      return cached(
        `ec2|${target.region}|${target.environmentId ?? ''}`,
        () =>
          new EC2Client({
            ...clientConfig(account, target.region),
            endpoint: account.ec2Endpoint,
          }),
      );
    },
    route53(requested, accountId) {
      // The zone may serve a move to another cloud: then its account or the main one signs.
      const target: CapabilityTarget =
        requested.provider === 'aws'
          ? requested
          : { provider: 'aws', region: 'us-east-1' };
      const account = targetAccount(config, target);
      const effective = accountId ? { ...account, accountId } : account;
      return cached(
        `route53|${target.region}|${target.environmentId ?? ''}|${
          accountId ?? ''
        }`,
        // Route 53 is global; the region only picks the partition's endpoint and signing region.
        () => new Route53Client(clientConfig(effective, target.region)),
      );
    },
  };
}
