import { hcl, type HclBlock } from '../../hcl/document';
import type { IacNetwork, IacSubnet } from '../../model';
import type { AzureWaveScope } from './azureWaveScope';
import { variable } from '../../hcl/variable';

const { attr, block, blank, expr, str, bool, strings } = hcl;

/** `variables.tf`: location, resource group, administrator and its credentials. */
export function azureVariables({ w }: AzureWaveScope): HclBlock[] {
  const { model } = w;
  // Credentials only for the machines Terraform creates: the migration service keeps the
  // accounts of the machines it moves.
  const hasLinux = w.instances.some(i => i.os.family !== 'windows');
  const hasWindows = w.instances.some(i => i.os.family === 'windows');
  return [
    variable(
      'location',
      'Azure location of the migration target',
      'string',
      attr('default', str(model.target.region)),
    ),
    variable(
      'resource_group_name',
      'Resource group holding everything this migration creates',
      'string',
      attr(
        'default',
        str(model.target.resourceGroup ?? `rg-${model.migrationId}`),
      ),
    ),
    variable(
      'admin_username',
      'Administrator account created on every machine',
      'string',
      attr('default', str('azureadmin')),
    ),
    ...(hasLinux
      ? [
          variable(
            'admin_ssh_public_key',
            'SSH public key for the administrator of Linux machines',
            'string',
          ),
        ]
      : []),
    ...(hasWindows
      ? [
          variable(
            'admin_password',
            'Administrator password of Windows machines',
            'string',
            attr('sensitive', bool(true)),
          ),
        ]
      : []),
  ];
}

/** The migration's resource group: created by the first wave, looked up by later ones. */
export function azureResourceGroup(azure: AzureWaveScope): HclBlock[] {
  if (azure.ownsGroup) {
    return [
      block(
        'resource',
        ['azurerm_resource_group', 'migration'],
        [
          attr('name', expr('var.resource_group_name')),
          attr('location', expr('var.location')),
          blank(),
          azure.tags(),
        ],
      ),
    ];
  }
  return [
    block(
      'data',
      ['azurerm_resource_group', 'migration'],
      [attr('name', expr('var.resource_group_name'))],
    ),
  ];
}

export function azureVirtualNetwork(
  azure: AzureWaveScope,
  net: IacNetwork,
): HclBlock {
  return block(
    'resource',
    ['azurerm_virtual_network', azure.w.id('network', net.key)],
    [
      attr('name', str(azure.vnetName(net.key))),
      ...azure.placement,
      attr('address_space', strings([net.cidrBlock])),
      blank(),
      azure.tags({ 'resource-key': net.key }),
    ],
  );
}

export function azureSubnet(
  { w, rg }: AzureWaveScope,
  subnet: IacSubnet,
  net: IacNetwork,
): HclBlock {
  return block(
    'resource',
    ['azurerm_subnet', w.id('subnet', subnet.key)],
    [
      attr('name', str(w.cloudName('azurerm_subnet', subnet.key, subnet.name))),
      attr('resource_group_name', expr(`${rg}.name`)),
      attr(
        'virtual_network_name',
        expr(`azurerm_virtual_network.${w.id('network', net.key)}.name`),
      ),
      attr('address_prefixes', strings([subnet.cidrBlock])),
    ],
  );
}

/** A subnet of an earlier wave's network, found by its name and its network's name. */
export function azureSubnetLookup(
  azure: AzureWaveScope,
  subnet: IacSubnet,
  net: IacNetwork,
): HclBlock {
  const { w, rg } = azure;
  return block(
    'data',
    ['azurerm_subnet', w.id('subnet', subnet.key)],
    [
      attr('name', str(w.cloudName('azurerm_subnet', subnet.key, subnet.name))),
      attr('virtual_network_name', str(azure.vnetName(net.key))),
      attr('resource_group_name', expr(`${rg}.name`)),
    ],
  );
}
