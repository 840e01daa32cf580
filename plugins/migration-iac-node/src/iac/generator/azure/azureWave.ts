import { hcl } from '../../hcl/document';
import type { WaveBlocks, WaveContext } from '../context';
import type { CloudWaveWriter } from '../waveWriter';
import { writeWave } from '../writeWave';
import {
  azureLaunchSettings,
  azureMachine,
  azureManagedDisk,
  azureVmType,
} from './azureCompute';
import {
  azureResourceGroup,
  azureSubnet,
  azureSubnetLookup,
  azureVariables,
  azureVirtualNetwork,
} from './azureNetwork';
import {
  azureSecurityGroup,
  azureSecurityGroupLookup,
  warnAboutRuleLimits,
} from './azureSecurity';
import { azureWaveScope } from './azureWaveScope';

const { attr, block, expr, str } = hcl;

/** The `hashicorp/azurerm` blocks of a wave. */
export const azureWaveWriter: CloudWaveWriter = {
  provider: {
    name: 'azurerm',
    source: 'hashicorp/azurerm',
    version: '~> 4.0',
  },
  nameStyle: 'azure',
  types: {
    network: 'azurerm_virtual_network',
    subnet: 'azurerm_subnet',
    securityGroup: 'azurerm_network_security_group',
    machine: azureVmType,
    disk: 'azurerm_managed_disk',
  },
  blocks: w => {
    const azure = azureWaveScope(w);
    return {
      providers: () => [
        block('provider', ['azurerm'], [block('features', [], [])]),
      ],
      variables: () => azureVariables(azure),
      landingZone: () => azureResourceGroup(azure),
      network: net => azureVirtualNetwork(azure, net),
      subnet: (subnet, net) => azureSubnet(azure, subnet, net),
      foreignSubnet: (subnet, net) => azureSubnetLookup(azure, subnet, net),
      securityGroup: group => azureSecurityGroup(azure, group),
      foreignSecurityGroup: group => azureSecurityGroupLookup(azure, group),
      afterSecurityGroups: () => warnAboutRuleLimits(azure),
      machine: instance => azureMachine(azure, instance),
      disk: (disk, instance, lun) =>
        azureManagedDisk(azure, disk, instance, lun),
      landingZoneOutputs: () =>
        azure.ownsGroup
          ? [
              block(
                'output',
                ['resource_group_id'],
                [
                  attr('description', str('Resource group of the migration')),
                  attr('value', expr('azurerm_resource_group.migration.id')),
                ],
              ),
            ]
          : [],
      privateIp: vmId => `azurerm_network_interface.${vmId}.private_ip_address`,
      launchSettings: instance => azureLaunchSettings(azure, instance),
    };
  },
};

/** Terraform writer for `hashicorp/azurerm`. */
export function writeAzureWave(ctx: WaveContext): WaveBlocks {
  return writeWave(ctx, azureWaveWriter);
}
