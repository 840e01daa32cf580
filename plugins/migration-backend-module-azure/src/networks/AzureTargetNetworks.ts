import {
  NetworkManagementClient,
  type VirtualNetwork,
} from '@azure/arm-network';
import { InputError } from '@backstage/errors';
import type {
  CapabilityTarget,
  TargetNetwork,
  TargetNetworks,
} from '@sirsi-nexus/plugin-migration-node';
import {
  armClientOptions,
  type AzureAccessResolver,
} from '../access/azureAccess';
import { toAzureCallError } from '../access/armErrors';

function toTargetNetwork(vnet: VirtualNetwork): TargetNetwork {
  const cidrs = [
    ...(vnet.addressSpace?.addressPrefixes ?? []),
    ...(vnet.subnets ?? []).flatMap(s => [
      ...(s.addressPrefix ? [s.addressPrefix] : []),
      ...(s.addressPrefixes ?? []),
    ]),
  ];
  return {
    id: vnet.id!,
    name: vnet.name ?? vnet.id!,
    cidrs: [...new Set(cidrs)],
  };
}

/**
 * The virtual networks of an Azure target's subscription: `virtualNetworks.listAll` with their
 * address space and their subnets' prefixes, with the target environment's credentials.
 *
 * @public
 */
export class AzureTargetNetworks implements TargetNetworks {
  constructor(private readonly access: AzureAccessResolver) {}

  async listNetworks(
    target: CapabilityTarget,
    signal?: AbortSignal,
  ): Promise<TargetNetwork[]> {
    const access = this.access.resolve({
      target: target.environmentId,
      field: 'target.environmentId',
    });
    if (
      !target.environmentId ||
      access.environmentId !== target.environmentId
    ) {
      throw new InputError(
        `target.environmentId: "${
          target.environmentId ?? ''
        }" is not an environment with provider: azure in migration.environments`,
      );
    }
    if (!access.subscriptionId) {
      throw new InputError(
        `migration.environments "${target.environmentId}": azure.subscriptionId is needed to list its virtual networks`,
      );
    }
    const client = new NetworkManagementClient(
      access.credential,
      access.subscriptionId,
      armClientOptions(access),
    );
    const networks: TargetNetwork[] = [];
    try {
      for await (const vnet of client.virtualNetworks.listAll({
        abortSignal: signal,
      })) {
        if (vnet.id) networks.push(toTargetNetwork(vnet));
      }
    } catch (error) {
      throw toAzureCallError(error, {
        service: 'Azure Resource Manager',
        action: `list the virtual networks of subscription ${access.subscriptionId}`,
        role: 'Reader (or Network Contributor) on the subscription',
      });
    }
    return networks;
  }
}
