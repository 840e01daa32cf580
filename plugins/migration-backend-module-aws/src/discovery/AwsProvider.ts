import {
  DescribeInstanceTypesCommand,
  DescribeInstancesCommand,
  EC2Client,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  type _InstanceType,
  type Instance,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  DefaultAwsCredentialsManager,
  type AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import type {
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  backoffDelay,
  measureInBatches,
  readRetrySettings,
  readUtilizationSettings,
  RuleDependencies,
  utilizationWindow,
  type RetrySettings,
  type UtilizationRun,
  type UtilizationSettings,
} from '@sirsi-nexus/plugin-migration-node';
import type {
  CloudProvider,
  DiscoverOptions,
} from '@sirsi-nexus/plugin-migration-node';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { createRetryStrategy } from '../clients/retryStrategy';
import { describeAwsError, toAwsDiscoveryError } from './awsErrors';
import { instanceGroups, securityGroupAdmissions } from './securityGroupRules';
import {
  checkCloudWatch,
  CloudWatchUtilization,
  cloudWatchRun,
  INSTANCES_PER_CALL,
} from './cloudWatchUtilization';
import {
  instanceToResource,
  securityGroupToResource,
  subnetToResource,
  volumeToResource,
  vpcToResource,
  type InstanceTypeInfo,
} from './awsMapping';

const PAGE_SIZE = 200;

/**
 * Options of {@link AwsProvider.fromConfig}.
 *
 * @public
 */
export interface AwsProviderOptions {
  rootConfig: Config;
  environment: { id: string; title?: string; owner?: string };
  logger: LoggerService;
  /** Defaults to `DefaultAwsCredentialsManager.fromConfig(rootConfig)` (`aws.accounts`). */
  credentialsManager?: AwsCredentialsManager;
}

/**
 * The `aws` provider: EC2 instances, EBS volumes, VPCs, subnets and security groups of the
 * configured regions, with credentials from Backstage's AWS integration (`aws.accounts`,
 * `aws.mainAccount`) or the default credential chain.
 *
 * @public
 */
export class AwsProvider implements CloudProvider {
  readonly id = 'aws';

  /** Reads the environment's `aws` block: `regions`, optional `accountId` and `endpoint`. */
  static fromConfig(config: Config, options: AwsProviderOptions): AwsProvider {
    const block = config.getConfig('aws');
    const regions = block.getOptionalStringArray('regions') ?? [];
    const region = block.getOptionalString('region');
    if (region) regions.unshift(region);
    if (regions.length === 0) {
      throw new InputError(
        'aws.regions must list at least one region, e.g. [us-east-1]',
      );
    }
    for (const r of regions) {
      if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(r)) {
        throw new InputError(
          `aws.regions: "${r}" is not an AWS region name such as eu-west-1`,
        );
      }
    }
    return new AwsProvider({
      environment: options.environment,
      regions: [...new Set(regions)],
      accountId: block.getOptionalString('accountId'),
      endpoint: block.getOptionalString('endpoint'),
      retry: readRetrySettings(config),
      utilization: readUtilizationSettings(config),
      credentialsManager:
        options.credentialsManager ??
        DefaultAwsCredentialsManager.fromConfig(options.rootConfig),
      logger: options.logger,
    });
  }

  readonly environmentId: string;
  readonly title?: string;
  readonly owner?: string;

  private constructor(
    private readonly options: {
      environment: { id: string; title?: string; owner?: string };
      regions: string[];
      accountId?: string;
      endpoint?: string;
      retry: RetrySettings;
      utilization: UtilizationSettings;
      credentialsManager: AwsCredentialsManager;
      logger: LoggerService;
    },
  ) {
    this.environmentId = options.environment.id;
    this.title = options.environment.title;
    this.owner = options.environment.owner;
  }

  private async clientConfig(region: string) {
    const { sdkCredentialProvider } =
      await this.options.credentialsManager.getCredentialProvider(
        this.options.accountId
          ? { accountId: this.options.accountId }
          : undefined,
      );
    const { retry } = this.options;
    return {
      region,
      credentials: sdkCredentialProvider,
      endpoint: this.options.endpoint,
      // The SDK retries throttling (RequestLimitExceeded ...) and transient errors; our backoff
      // with jitter replaces its default delays.
      retryStrategy: new ConfiguredRetryStrategy(retry.maxAttempts, attempt =>
        backoffDelay(attempt, retry),
      ),
    };
  }

  async validate(signal?: AbortSignal): Promise<EnvironmentCheck[]> {
    const checks: EnvironmentCheck[] = [];
    const [first] = this.options.regions;
    try {
      const sts = new STSClient(await this.clientConfig(first));
      const identity = await sts.send(new GetCallerIdentityCommand({}), {
        abortSignal: signal,
      });
      checks.push({
        id: 'aws-credentials',
        title: 'AWS credentials',
        status: 'pass',
        message: `Signed in as ${identity.Arn} (account ${identity.Account})`,
      });
    } catch (error) {
      checks.push({
        id: 'aws-credentials',
        title: 'AWS credentials',
        status: 'fail',
        ...describeAwsError(error, this.environmentId, first),
      });
      return checks;
    }
    for (const region of this.options.regions) {
      const title = `EC2 in ${region}`;
      try {
        const ec2 = new EC2Client(await this.clientConfig(region));
        await ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }), {
          abortSignal: signal,
        });
        checks.push({
          id: `aws-ec2-${region}`,
          title,
          status: 'pass',
          message: `ec2:DescribeInstances answers in ${region}`,
        });
      } catch (error) {
        checks.push({
          id: `aws-ec2-${region}`,
          title,
          status: 'fail',
          ...describeAwsError(error, this.environmentId, region),
        });
      }
    }
    if (this.options.utilization.enabled) {
      checks.push(
        await checkCloudWatch(
          await this.cloudWatch(first),
          this.environmentId,
          first,
          signal,
        ),
      );
    }
    return checks;
  }

  private async cloudWatch(region: string) {
    return new CloudWatchClient({
      ...(await this.clientConfig(region)),
      retryStrategy: createRetryStrategy(this.options.retry),
    });
  }

  async *discover(
    options: DiscoverOptions = {},
  ): AsyncIterable<DiscoveredResource> {
    const metrics = cloudWatchRun(this.environmentId, options.reporter);
    for (const region of this.options.regions) {
      try {
        yield* this.discoverRegion(region, options, metrics);
      } catch (error) {
        throw toAwsDiscoveryError(error, this.environmentId, region);
      }
    }
  }

  private async *discoverRegion(
    region: string,
    { signal, reporter }: DiscoverOptions,
    metrics: UtilizationRun,
  ): AsyncGenerator<DiscoveredResource> {
    const client = new EC2Client(await this.clientConfig(region));
    const pagination = { client, pageSize: PAGE_SIZE };
    const send = { abortSignal: signal };
    const env = this.environmentId;
    const page = () => reporter?.count('pages');

    for await (const output of paginateDescribeVpcs(pagination, {}, send)) {
      page();
      for (const vpc of output.Vpcs ?? [])
        yield vpcToResource(vpc, env, region);
    }
    for await (const output of paginateDescribeSubnets(pagination, {}, send)) {
      page();
      for (const subnet of output.Subnets ?? [])
        yield subnetToResource(subnet, env, region);
    }
    // Rules between groups imply instance-to-instance dependencies.
    const admissions = new RuleDependencies();
    for await (const output of paginateDescribeSecurityGroups(
      pagination,
      {},
      send,
    )) {
      page();
      for (const group of output.SecurityGroups ?? []) {
        for (const rule of securityGroupAdmissions(group)) admissions.add(rule);
        yield securityGroupToResource(group, env, region);
      }
    }
    // Volume sizes are kept (id → size, type) so instances can list their disks.
    const volumes = new Map<string, { sizeGiB: number; type?: string }>();
    for await (const output of paginateDescribeVolumes(pagination, {}, send)) {
      page();
      for (const volume of output.Volumes ?? []) {
        const resource = volumeToResource(volume, env, region);
        volumes.set(resource.externalId, {
          sizeGiB: resource.specs.storageGiB ?? 0,
          type: resource.specs.disks?.[0]?.type,
        });
        yield resource;
      }
    }
    const instances = this.instances(client, region, volumes, admissions, {
      signal,
      reporter,
    });
    if (!this.options.utilization.enabled || !metrics.active) {
      yield* instances;
      return;
    }
    const cloudWatch = new CloudWatchUtilization(
      await this.cloudWatch(region),
      utilizationWindow(this.options.utilization),
      metrics,
      send,
    );
    yield* measureInBatches(instances, {
      capacity: INSTANCES_PER_CALL,
      measure: vms => cloudWatch.measure(vms),
    });
  }

  private async *instances(
    client: EC2Client,
    region: string,
    volumes: Map<string, { sizeGiB: number; type?: string }>,
    admissions: RuleDependencies,
    { signal, reporter }: DiscoverOptions,
  ): AsyncGenerator<DiscoveredResource> {
    const send = { abortSignal: signal };
    const types = new Map<string, InstanceTypeInfo>();
    for await (const output of paginateDescribeInstances(
      { client, pageSize: PAGE_SIZE },
      {},
      send,
    )) {
      reporter?.count('pages');
      const instances = (output.Reservations ?? []).flatMap(
        r => r.Instances ?? [],
      );
      await describeInstanceTypes(client, instances, types, send);
      for (const instance of instances) {
        const type = instance.InstanceType
          ? types.get(instance.InstanceType)
          : undefined;
        if (instance.InstanceType && !type) {
          reporter?.warn(
            `${region}: instance type ${instance.InstanceType} of ${instance.InstanceId} is unknown to DescribeInstanceTypes; vCPU and memory left empty`,
          );
        }
        const resource = instanceToResource(
          instance,
          this.environmentId,
          region,
          type,
          volumes,
        );
        // Sources of a rule wait until every instance (and so every target) was listed.
        if (!admissions.offer(resource, instanceGroups(instance)))
          yield resource;
      }
    }
    yield* admissions.finish();
  }
}

/**
 * Adds the vCPUs and memory of the instance types not known yet (DescribeInstanceTypes takes at
 * most 100 at a time).
 */
async function describeInstanceTypes(
  client: EC2Client,
  instances: Instance[],
  types: Map<string, InstanceTypeInfo>,
  send: { abortSignal?: AbortSignal },
) {
  const unknown = [
    ...new Set(
      instances.map(i => i.InstanceType).filter((t): t is _InstanceType => !!t),
    ),
  ].filter(t => !types.has(t));
  for (let i = 0; i < unknown.length; i += 100) {
    const described = await client.send(
      new DescribeInstanceTypesCommand({
        InstanceTypes: unknown.slice(i, i + 100),
      }),
      send,
    );
    for (const info of described.InstanceTypes ?? []) {
      if (info.InstanceType) {
        types.set(info.InstanceType, {
          vcpus: info.VCpuInfo?.DefaultVCpus,
          memoryMiB: info.MemoryInfo?.SizeInMiB,
        });
      }
    }
  }
}
