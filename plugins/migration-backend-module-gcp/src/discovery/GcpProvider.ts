import {
  DisksClient,
  FirewallsClient,
  InstancesClient,
  MachineTypesClient,
  NetworksClient,
  ProjectsClient,
  SubnetworksClient,
} from '@google-cloud/compute';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { AuthenticationError, InputError } from '@backstage/errors';
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
  sleep,
  utilizationWindow,
  withRetry,
  type RetrySettings,
  type UtilizationSettings,
} from '@sirsi-nexus/plugin-migration-node';
import type {
  CloudProvider,
  DiscoverOptions,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createGoogleAuth,
  readGcpCredentials,
  type GcpCredentialSource,
} from '../google/gcpAuth';
import {
  CloudMonitoringUtilization,
  cloudMonitoringRun,
  INSTANCES_PER_BATCH,
} from './cloudMonitoringUtilization';
import {
  describeGcpError,
  gcpRetryAfterMs,
  isGcpThrottling,
  toGcpDiscoveryError,
} from './gcpErrors';
import { firewallAdmissions, instanceLabels } from './firewallRules';
import {
  customMachineType,
  diskToResource,
  instanceToResource,
  lastSegment,
  networkToResource,
  subnetworkToResource,
  type MachineTypeInfo,
} from './gcpMapping';

/** gRPC codes gax retries per page: RESOURCE_EXHAUSTED (HTTP 429) and UNAVAILABLE (503). */
const RETRY_CODES = [8, 14];
const PAGE_SIZE = 500;

/**
 * Options of {@link GcpProvider.fromConfig}.
 *
 * @public
 */
export interface GcpProviderOptions {
  environment: { id: string; title?: string; owner?: string };
  logger: LoggerService;
}

/**
 * The `gcp` provider: Compute Engine instances and disks of all zones (`aggregatedList`),
 * machine types for vCPU and memory, networks and subnetworks of one project.
 *
 * @public
 */
export class GcpProvider implements CloudProvider {
  readonly id = 'gcp';

  /**
   * Reads the environment's `gcp` block: `projectId` and either `credentials` (a service account
   * key as JSON), `keyFilename`, or neither for Application Default Credentials.
   */
  static fromConfig(config: Config, options: GcpProviderOptions): GcpProvider {
    const block = config.getConfig('gcp');
    const projectId = block.getString('projectId');
    if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(projectId)) {
      throw new InputError(
        `gcp.projectId "${projectId}" is not a Google Cloud project id`,
      );
    }
    const credentials = readGcpCredentials(block, 'gcp');
    return new GcpProvider({
      environment: options.environment,
      projectId,
      credentials,
      clientOptions: {
        projectId,
        ...credentials,
        apiEndpoint: block.getOptionalString('apiEndpoint'),
        fallback: true,
        // Node's own fetch, as everywhere else in the backend (proxying through undici's global
        // dispatcher), instead of gaxios importing node-fetch on first use.
        clientOptions: { transporterOptions: { fetchImplementation: fetch } },
      },
      retry: readRetrySettings(config),
      utilization: readUtilizationSettings(config),
    });
  }

  readonly environmentId: string;
  readonly title?: string;
  readonly owner?: string;

  private constructor(
    private readonly options: {
      environment: { id: string; title?: string; owner?: string };
      projectId: string;
      credentials: GcpCredentialSource;
      clientOptions: ConstructorParameters<typeof InstancesClient>[0];
      retry: RetrySettings;
      utilization: UtilizationSettings;
    },
  ) {
    this.environmentId = options.environment.id;
    this.title = options.environment.title;
    this.owner = options.environment.owner;
  }

  /** Per-call options: gax retries throttled pages with exponential backoff and jitter. */
  private callOptions() {
    const { retry } = this.options;
    return {
      maxResults: PAGE_SIZE,
      retry: {
        retryCodes: RETRY_CODES,
        backoffSettings: {
          maxRetries: retry.maxAttempts - 1,
          initialRetryDelayMillis: retry.baseDelayMs,
          retryDelayMultiplier: 2,
          maxRetryDelayMillis: retry.maxDelayMs,
          initialRpcTimeoutMillis: 60_000,
          rpcTimeoutMultiplier: 1,
          maxRpcTimeoutMillis: 60_000,
          totalTimeoutMillis: null,
        },
      },
    };
  }

  async validate(signal?: AbortSignal): Promise<EnvironmentCheck[]> {
    const projects = new ProjectsClient(this.options.clientOptions);
    try {
      signal?.throwIfAborted();
      const [project] = await projects.get({ project: this.options.projectId });
      return [
        {
          id: 'gcp-compute',
          title: 'Compute Engine API',
          status: 'pass',
          message: `Project ${project.name ?? this.options.projectId} answers`,
        },
      ];
    } catch (error) {
      return [
        {
          id: 'gcp-compute',
          title: 'Compute Engine API',
          status: 'fail',
          ...describeGcpError(
            error,
            this.environmentId,
            this.options.projectId,
          ),
        },
      ];
    } finally {
      await projects.close();
    }
  }

  async *discover(
    options: DiscoverOptions = {},
  ): AsyncIterable<DiscoveredResource> {
    try {
      yield* this.discoverProject(options);
    } catch (error) {
      // Cloud Monitoring's rejected credentials arrive already described (googleRetry).
      if (error instanceof AuthenticationError) throw error;
      throw toGcpDiscoveryError(
        error,
        this.environmentId,
        this.options.projectId,
      );
    }
  }

  private async *discoverProject({
    signal,
    reporter,
  }: DiscoverOptions): AsyncGenerator<DiscoveredResource> {
    const { clientOptions, projectId } = this.options;
    const env = this.environmentId;
    const project = { project: projectId };
    const networks = new NetworksClient(clientOptions);
    const subnetworks = new SubnetworksClient(clientOptions);
    const disks = new DisksClient(clientOptions);
    const instances = new InstancesClient(clientOptions);
    const machineTypes = new MachineTypesClient(clientOptions);
    try {
      for await (const network of this.listing(
        () => networks.listAsync(project, this.callOptions()),
        signal,
      )) {
        yield networkToResource(network, env);
      }
      for await (const [scope, list] of this.listing(
        () => subnetworks.aggregatedListAsync(project, this.callOptions()),
        signal,
      )) {
        // Scopes without resources come back as entries carrying only a warning.
        for (const subnet of list.subnetworks ?? [])
          yield subnetworkToResource(subnet, env);
        if (!list.subnetworks) reporter?.count('emptyScopes');
        void scope;
      }
      const diskSizes = new Map<string, { sizeGiB: number; type?: string }>();
      for await (const [, list] of this.listing(
        () => disks.aggregatedListAsync(project, this.callOptions()),
        signal,
      )) {
        for (const disk of list.disks ?? []) {
          const resource = diskToResource(disk, env);
          diskSizes.set(resource.externalId, {
            sizeGiB: resource.specs.storageGiB ?? 0,
            type: resource.specs.disks?.[0]?.type,
          });
          yield resource;
        }
      }
      const machineType = this.machineTypes(machineTypes, signal);
      const admissions = await this.firewallRules(signal);
      const vms = async function* listInstances(this: GcpProvider) {
        for await (const [, list] of this.listing(
          () => instances.aggregatedListAsync(project, this.callOptions()),
          signal,
        )) {
          for (const instance of list.instances ?? []) {
            const zone = lastSegment(instance.zone);
            const typeName = lastSegment(instance.machineType);
            const info =
              zone && typeName ? await machineType(zone, typeName) : undefined;
            const resource = instanceToResource(instance, env, info, path =>
              diskSizes.get(path),
            );
            // Sources of a rule wait until every instance (every target) was listed.
            if (!admissions.offer(resource, instanceLabels(instance)))
              yield resource;
          }
        }
        yield* admissions.finish();
      };
      yield* this.measured(vms.call(this), { signal, reporter });
    } finally {
      await Promise.all(
        [networks, subnetworks, disks, instances, machineTypes].map(c =>
          c.close(),
        ),
      );
    }
  }

  /** The project's firewall rules, as admissions between instances (tags, service accounts). */
  private async firewallRules(signal?: AbortSignal) {
    const client = new FirewallsClient(this.options.clientOptions);
    const admissions = new RuleDependencies();
    try {
      for await (const firewall of this.listing(
        () =>
          client.listAsync(
            { project: this.options.projectId },
            this.callOptions(),
          ),
        signal,
      )) {
        for (const rule of firewallAdmissions(firewall)) admissions.add(rule);
      }
    } finally {
      await client.close();
    }
    return admissions;
  }

  /** vCPUs and memory of machine types, each asked once. */
  private machineTypes(client: MachineTypesClient, signal?: AbortSignal) {
    const { projectId } = this.options;
    return machineTypeLookup(async (zone, name) => {
      // gax retries the 429s; a 403 rate limit is ours to retry.
      const [type] = await withRetry(
        () =>
          client.get(
            { project: projectId, zone, machineType: name },
            { retry: this.callOptions().retry },
          ),
        {
          settings: this.options.retry,
          signal,
          retryable: e =>
            isGcpThrottling(e) ? gcpRetryAfterMs(e) ?? true : false,
        },
      );
      return {
        vcpus: type.guestCpus ?? undefined,
        memoryMiB: type.memoryMb ?? undefined,
      };
    });
  }

  /** The instances with their utilization from Cloud Monitoring, unless switched off. */
  private measured(
    vms: AsyncGenerator<DiscoveredResource>,
    { signal, reporter }: DiscoverOptions,
  ): AsyncGenerator<DiscoveredResource> {
    const { utilization, credentials, projectId, retry } = this.options;
    if (!utilization.enabled) return vms;
    const monitoring = new CloudMonitoringUtilization({
      auth: createGoogleAuth(credentials, projectId),
      projectId,
      window: utilizationWindow(utilization),
      run: cloudMonitoringRun(this.environmentId, reporter),
      retry,
      signal,
    });
    return measureInBatches(vms, {
      capacity: INSTANCES_PER_BATCH,
      measure: batch => monitoring.measure(batch),
    });
  }

  /**
   * Iterates a listing; when Compute answers with its 403 `rateLimitExceeded` (which gax does
   * not retry: to gax a 403 is PERMISSION_DENIED) the listing restarts after a backoff, never
   * sooner than a `Retry-After`, and skips what was already yielded.
   */
  private async *listing<T>(
    open: () => AsyncIterable<T>,
    signal?: AbortSignal,
  ): AsyncGenerator<T> {
    let yielded = 0;
    for (let attempt = 1; ; attempt++) {
      let index = 0;
      try {
        for await (const item of open()) {
          signal?.throwIfAborted();
          if (index++ < yielded) continue;
          yielded++;
          yield item;
        }
        return;
      } catch (error) {
        if (
          signal?.aborted ||
          !isGcpThrottling(error) ||
          attempt >= this.options.retry.maxAttempts
        ) {
          throw error;
        }
        await sleep(
          Math.max(
            backoffDelay(attempt, this.options.retry),
            gcpRetryAfterMs(error) ?? 0,
          ),
          signal,
        );
      }
    }
  }
}

/**
 * The vCPUs and memory of a machine type in a zone, asked once per zone and type (custom types
 * carry them in their name).
 */
function machineTypeLookup(
  describe: (zone: string, name: string) => Promise<MachineTypeInfo>,
) {
  const types = new Map<string, MachineTypeInfo | undefined>();
  return async (zone: string, name: string) => {
    const key = `${zone}/${name}`;
    if (!types.has(key)) {
      types.set(key, customMachineType(name) ?? (await describe(zone, name)));
    }
    return types.get(key);
  };
}
