import { InstancesClient, SubnetworksClient } from '@google-cloud/compute';
import { InputError } from '@backstage/errors';
import type { GoogleAuth } from 'google-auth-library';
import type {
  LaunchedInstance,
  RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import { callGoogle } from '../google/googleRetry';
import type { SubnetworkRef } from './launchSettings';

const INSTANCE = /^projects\/([^/]+)\/zones\/([^/]+)\/instances\/([^/]+)$/;

function parseInstance(id: string) {
  const match = INSTANCE.exec(id);
  if (!match) {
    throw new InputError(
      `instance id '${id}' is not projects/<project>/zones/<zone>/instances/<name>`,
    );
  }
  const [, project, zone, instance] = match;
  return { project, zone, instance };
}

/** `https://www.googleapis.com/compute/v1/projects/p/global/networks/n` → `projects/p/global/networks/n`. */
function resourcePath(link: string) {
  const at = link.indexOf('projects/');
  return at >= 0 ? link.slice(at) : link;
}

/**
 * The Compute Engine side of a migration: the instances Migrate to Virtual Machines launched
 * (their addresses, their removal) and the network a target subnetwork belongs to.
 */
export class ComputeTargets {
  private readonly instances: InstancesClient;
  private readonly subnetworks: SubnetworksClient;

  constructor(
    auth: GoogleAuth,
    private readonly retry: RetrySettings,
    apiEndpoint?: string,
  ) {
    const options = {
      auth,
      fallback: true,
      apiEndpoint,
      clientOptions: { transporterOptions: { fetchImplementation: fetch } },
    } as ConstructorParameters<typeof InstancesClient>[0];
    this.instances = new InstancesClient(options);
    this.subnetworks = new SubnetworksClient(options);
  }

  /** The network of a subnetwork, as `projects/p/global/networks/n`. */
  async networkOf(subnet: SubnetworkRef, signal?: AbortSignal) {
    const [found] = await callGoogle(
      `Compute Engine: read subnetwork ${subnet.path}`,
      () =>
        this.subnetworks.get(
          {
            project: subnet.project,
            region: subnet.region,
            subnetwork: subnet.subnetwork,
          },
          { retry: null as never },
        ),
      { retry: this.retry, signal },
    );
    if (!found.network) {
      throw new InputError(`subnetId ${subnet.path} names no network`);
    }
    return resourcePath(found.network);
  }

  /** The instance with its addresses (internal first), or undefined when it does not exist. */
  async instance(
    id: string,
    signal?: AbortSignal,
  ): Promise<LaunchedInstance | undefined> {
    try {
      const [found] = await callGoogle(
        `Compute Engine: read instance ${id}`,
        () => this.instances.get(parseInstance(id), { retry: null as never }),
        { retry: this.retry, signal },
      );
      const nics = found.networkInterfaces ?? [];
      const internal = nics.map(nic => nic.networkIP);
      const external = nics.flatMap(nic =>
        (nic.accessConfigs ?? []).map(config => config.natIP),
      );
      return {
        id,
        addresses: [...internal, ...external].filter(
          (ip): ip is string => !!ip,
        ),
      };
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') return undefined;
      throw error;
    }
  }

  /**
   * Deletes an instance; an instance that is gone already counts as deleted. The request id
   * makes a repeated call within Compute Engine's dedup window the same deletion.
   */
  async deleteInstance(id: string, requestId: string, signal?: AbortSignal) {
    try {
      await callGoogle(
        `Compute Engine: delete instance ${id}`,
        () =>
          this.instances.delete(
            { ...parseInstance(id), requestId },
            { retry: null as never },
          ),
        { retry: this.retry, signal },
      );
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
    }
  }

  async close() {
    await Promise.all([this.instances.close(), this.subnetworks.close()]);
  }
}
