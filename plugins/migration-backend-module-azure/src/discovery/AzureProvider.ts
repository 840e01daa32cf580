import { ComputeManagementClient } from '@azure/arm-compute';
import { MonitorClient } from '@azure/arm-monitor';
import {
  NetworkManagementClient,
  type NetworkInterface,
} from '@azure/arm-network';
import type { TokenCredential } from '@azure/core-auth';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  measureInBatches,
  readRetrySettings,
  readUtilizationSettings,
  RuleDependencies,
  utilizationWindow,
  type RetrySettings,
  type UtilizationSettings,
} from '@sirsi-nexus/plugin-migration-node';
import type {
  CloudProvider,
  DiscoverOptions,
} from '@sirsi-nexus/plugin-migration-node';
import { azureCredentialFromConfig } from '../access/azureCredential';
import { describeAzureError, toAzureDiscoveryError } from './azureErrors';
import {
  AzureMonitorUtilization,
  azureMonitorRun,
  VMS_PER_BATCH,
} from './azureMonitorUtilization';
import {
  armId,
  diskToResource,
  virtualMachineToResource,
  virtualNetworkToResources,
  type NicInfo,
  type VmSizeInfo,
} from './azureMapping';
import { nsgAdmissions, subnetNsgs, vmLabels } from './nsgRules';
import { throttlingBackoffPolicy } from './throttlingPolicy';

const ARM_SCOPE = 'https://management.azure.com/.default';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Options of {@link AzureProvider.fromConfig}.
 *
 * @public
 */
export interface AzureProviderOptions {
  environment: { id: string; title?: string; owner?: string };
  logger: LoggerService;
  /** Overrides the credential built from config (for tests and custom auth). */
  credential?: TokenCredential;
}

/**
 * The `azure` provider: virtual machines (`virtualMachines.listAll`), managed disks, VM sizes for
 * vCPU and memory, and virtual networks with their subnets, of one subscription.
 *
 * @public
 */
export class AzureProvider implements CloudProvider {
  readonly id = 'azure';

  /**
   * Reads the environment's `azure` block: `subscriptionId`, and `tenantId` + `clientId` +
   * `clientSecret` of an app registration, or none of them for the default credential chain.
   */
  static fromConfig(
    config: Config,
    options: AzureProviderOptions,
  ): AzureProvider {
    const block = config.getConfig('azure');
    const subscriptionId = block.getString('subscriptionId');
    if (!GUID.test(subscriptionId)) {
      throw new InputError(
        `azure.subscriptionId "${subscriptionId}" is not a subscription GUID`,
      );
    }
    const credential = azureCredentialFromConfig(
      block,
      'azure',
      options.credential,
    );
    return new AzureProvider({
      environment: options.environment,
      subscriptionId,
      credential,
      endpoint: block.getOptionalString('endpoint'),
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
      subscriptionId: string;
      credential: TokenCredential;
      endpoint?: string;
      retry: RetrySettings;
      utilization: UtilizationSettings;
    },
  ) {
    this.environmentId = options.environment.id;
    this.title = options.environment.title;
    this.owner = options.environment.owner;
  }

  private clientOptions() {
    return {
      endpoint: this.options.endpoint,
      retryOptions: { maxRetries: 0 },
      additionalPolicies: [
        {
          policy: throttlingBackoffPolicy(this.options.retry),
          position: 'perCall' as const,
        },
      ],
    };
  }

  private compute() {
    const { credential, subscriptionId } = this.options;
    return new ComputeManagementClient(
      credential,
      subscriptionId,
      this.clientOptions(),
    );
  }

  private network() {
    const { credential, subscriptionId } = this.options;
    return new NetworkManagementClient(
      credential,
      subscriptionId,
      this.clientOptions(),
    );
  }

  async validate(signal?: AbortSignal): Promise<EnvironmentCheck[]> {
    const checks: EnvironmentCheck[] = [];
    try {
      await this.options.credential.getToken(ARM_SCOPE, {
        abortSignal: signal,
      });
      checks.push({
        id: 'azure-credentials',
        title: 'Azure credentials',
        status: 'pass',
        message: 'A token for Azure Resource Manager was issued',
      });
    } catch (error) {
      checks.push({
        id: 'azure-credentials',
        title: 'Azure credentials',
        status: 'fail',
        ...describeAzureError(error, this.environmentId),
      });
      return checks;
    }
    const probes: [string, string, () => AsyncIterator<unknown>][] = [
      [
        'azure-compute',
        'Read virtual machines',
        () =>
          this.compute()
            .virtualMachines.listAll({ abortSignal: signal })
            [Symbol.asyncIterator](),
      ],
      [
        'azure-network',
        'Read virtual networks',
        () =>
          this.network()
            .virtualNetworks.listAll({ abortSignal: signal })
            [Symbol.asyncIterator](),
      ],
    ];
    for (const [id, title, probe] of probes) {
      try {
        await probe().next();
        checks.push({
          id,
          title,
          status: 'pass',
          message: `Subscription ${this.options.subscriptionId} answers`,
        });
      } catch (error) {
        checks.push({
          id,
          title,
          status: 'fail',
          ...describeAzureError(error, this.environmentId),
        });
      }
    }
    return checks;
  }

  async *discover(
    options: DiscoverOptions = {},
  ): AsyncIterable<DiscoveredResource> {
    try {
      yield* this.discoverSubscription(options);
    } catch (error) {
      throw toAzureDiscoveryError(error, this.environmentId);
    }
  }

  private async *discoverSubscription({
    signal,
    reporter,
  }: DiscoverOptions): AsyncGenerator<DiscoveredResource> {
    const env = this.environmentId;
    const compute = this.compute();
    const network = this.network();
    const request = { abortSignal: signal };

    for await (const page of network.virtualNetworks
      .listAll(request)
      .byPage()) {
      reporter?.count('pages');
      for (const vnet of page) yield* virtualNetworkToResources(vnet, env);
    }

    // Network interfaces are kept compactly (subnets, addresses) for the VMs that use them.
    const nics = new Map<string, NicInfo>();
    for await (const page of network.networkInterfaces
      .listAll(request)
      .byPage()) {
      reporter?.count('pages');
      for (const nic of page) nics.set(armId(nic.id)!, nicInfo(nic));
    }

    for await (const page of compute.disks.list(request).byPage()) {
      reporter?.count('pages');
      for (const disk of page) yield diskToResource(disk, env);
    }

    // NSG rules between application security groups and addresses imply VM-to-VM dependencies.
    const rules = {
      admissions: new RuleDependencies(),
      nsgOfSubnet: new Map(),
    };
    for await (const page of network.networkSecurityGroups
      .listAll(request)
      .byPage()) {
      reporter?.count('pages');
      for (const nsg of page) {
        for (const rule of nsgAdmissions(nsg)) rules.admissions.add(rule);
        subnetNsgs(nsg, rules.nsgOfSubnet);
      }
    }

    const vms = this.virtualMachines(compute, nics, rules, {
      signal,
      reporter,
    });
    if (!this.options.utilization.enabled) {
      yield* vms;
      return;
    }
    const { credential, subscriptionId } = this.options;
    const monitor = new AzureMonitorUtilization(
      new MonitorClient(credential, subscriptionId, this.clientOptions()),
      utilizationWindow(this.options.utilization),
      azureMonitorRun(env, reporter),
      signal,
    );
    yield* measureInBatches(vms, {
      capacity: VMS_PER_BATCH,
      measure: batch => monitor.measure(batch),
    });
  }

  private async *virtualMachines(
    compute: ComputeManagementClient,
    nics: Map<string, NicInfo>,
    rules: { admissions: RuleDependencies; nsgOfSubnet: Map<string, string> },
    { signal, reporter }: DiscoverOptions,
  ): AsyncGenerator<DiscoveredResource> {
    const request = { abortSignal: signal };
    const sizesIn = vmSizesByLocation(compute, request);
    for await (const page of compute.virtualMachines
      .listAll(request)
      .byPage()) {
      reporter?.count('pages');
      for (const vm of page) {
        const sizeName = vm.hardwareProfile?.vmSize;
        const size =
          vm.location && sizeName
            ? (await sizesIn(vm.location)).get(sizeName.toLowerCase())
            : undefined;
        if (sizeName && !size) {
          reporter?.warn(
            `VM size ${sizeName} of ${vm.name} is not offered in ${vm.location}; vCPU and memory left empty`,
          );
        }
        const resource = virtualMachineToResource(
          vm,
          this.environmentId,
          size,
          nics,
        );
        // Sources of a rule wait until every VM (every target) was listed.
        const labels = vmLabels(vm, nics, rules.nsgOfSubnet);
        if (!rules.admissions.offer(resource, labels)) yield resource;
      }
    }
    yield* rules.admissions.finish();
  }
}

/** The subnets and addresses of a network interface, what a VM's resource needs of it. */
function nicInfo(nic: NetworkInterface): NicInfo {
  const configs = nic.ipConfigurations ?? [];
  return {
    subnetIds: configs
      .map(c => armId(c.subnet?.id))
      .filter((s): s is string => !!s),
    privateIps: configs
      .map(c => c.privateIPAddress)
      .filter((s): s is string => !!s),
    hasPublicIp: configs.some(c => !!c.publicIPAddress),
    asgIds: configs
      .flatMap(c => c.applicationSecurityGroups ?? [])
      .map(g => armId(g.id))
      .filter((s): s is string => !!s),
    nsgId: armId(nic.networkSecurityGroup?.id),
  };
}

/** The VM sizes offered in a location (vCPUs, memory), listed once per location. */
function vmSizesByLocation(
  compute: ComputeManagementClient,
  request: { abortSignal?: AbortSignal },
) {
  const sizes = new Map<string, Map<string, VmSizeInfo>>();
  return async (location: string) => {
    const key = location.toLowerCase();
    let known = sizes.get(key);
    if (!known) {
      known = new Map();
      for await (const size of compute.virtualMachineSizes.list(
        location,
        request,
      )) {
        if (size.name) {
          known.set(size.name.toLowerCase(), {
            vcpus: size.numberOfCores,
            memoryMiB: size.memoryInMB,
          });
        }
      }
      sizes.set(key, known);
    }
    return known;
  };
}
