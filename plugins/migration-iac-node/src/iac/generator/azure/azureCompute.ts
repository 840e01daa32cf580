import {
  hcl,
  type HclBlock,
  type HclBodyItem,
  type HclValue,
} from '../../hcl/document';
import type { IacDisk, IacInstance } from '../../model';
import { imageFamily, instanceExtraTags } from '../context';
import type { AzureWaveScope } from './azureWaveScope';

const { attr, block, blank, expr, str, num } = hcl;

const IMAGES: Record<
  string,
  { publisher: string; offer: string; sku: string }
> = {
  linux: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
  ubuntu: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
  rhel: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2' },
  windows: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-azure-edition',
  },
};

/** `azurerm_windows_virtual_machine` or `azurerm_linux_virtual_machine`. */
export function azureVmType(instance: IacInstance): string {
  return instance.os.family === 'windows'
    ? 'azurerm_windows_virtual_machine'
    : 'azurerm_linux_virtual_machine';
}

/**
 * A machine: its network interface, the interface's security group (Azure allows one per
 * interface, so the first of the machine's groups, with a warning when it has more) and the VM.
 */
export function azureMachine(
  azure: AzureWaveScope,
  instance: IacInstance,
): HclBlock[] {
  const { w } = azure;
  const vmId = w.id('instance', instance.key);
  const name = w.cloudName(
    'azurerm_virtual_machine',
    instance.key,
    instance.name,
  );
  const blocks = [networkInterface(azure, instance, vmId, name)];
  const group = primaryGroup(azure, instance);
  if (group) {
    blocks.push(
      block(
        'resource',
        ['azurerm_network_interface_security_group_association', vmId],
        [
          attr(
            'network_interface_id',
            expr(`azurerm_network_interface.${vmId}.id`),
          ),
          attr('network_security_group_id', expr(w.ref.securityGroup(group))),
        ],
      ),
    );
  }
  blocks.push(virtualMachine(azure, instance, vmId, name));
  return blocks;
}

/**
 * The one security group Azure associates with a machine's network interface: its first, with
 * a warning when it has more.
 */
function primaryGroup(
  { w }: AzureWaveScope,
  instance: IacInstance,
): string | undefined {
  const groups = instance.securityGroupKeys;
  if (groups.length > 1) {
    w.warnings.push(
      `Machine "${instance.name}" has ${groups.length} security groups; Azure allows one per network interface, so only "${groups[0]}" is associated`,
    );
  }
  return groups[0];
}

/**
 * Where Azure Migrate launches a machine: the subnet of its primary network interface, the
 * network security group meant for that interface and the VM size. Azure Migrate (VMware
 * agentless) cannot attach a network security group itself, so a machine with one gets a
 * warning: the group is published for associating after cutover.
 */
export function azureLaunchSettings(
  azure: AzureWaveScope,
  instance: IacInstance,
): HclValue {
  const { w } = azure;
  const group = primaryGroup(azure, instance);
  if (group) {
    w.warnings.push(
      `Machine "${
        instance.name
      }" is launched by Azure Migrate, which cannot attach network security groups: associate "${azure.nsgName(
        group,
      )}" (network_security_group_id of its launch_settings) with its network interface after cutover`,
    );
  }
  return hcl.object([
    ['subnet_id', expr(w.ref.subnet(instance.subnetKey))],
    ...(group
      ? [
          ['network_security_group_id', expr(w.ref.securityGroup(group))] as [
            string,
            HclValue,
          ],
        ]
      : []),
    ['instance_type', str(instance.instanceType)],
  ]);
}

function networkInterface(
  azure: AzureWaveScope,
  instance: IacInstance,
  vmId: string,
  name: string,
): HclBlock {
  return block(
    'resource',
    ['azurerm_network_interface', vmId],
    [
      attr('name', str(`${name.slice(0, 76)}-nic`)),
      ...azure.placement,
      blank(),
      block(
        'ip_configuration',
        [],
        [
          attr('name', str('primary')),
          attr('subnet_id', expr(azure.w.ref.subnet(instance.subnetKey))),
          attr('private_ip_address_allocation', str('Dynamic')),
        ],
      ),
      blank(),
      azure.tags(),
    ],
  );
}

function virtualMachine(
  azure: AzureWaveScope,
  instance: IacInstance,
  vmId: string,
  name: string,
): HclBlock {
  const windows = instance.os.family === 'windows';
  const body: HclBodyItem[] = [
    attr('name', str(name)),
    ...(windows
      ? [attr('computer_name', str(computerName(azure, instance)))]
      : []),
    ...azure.placement,
    attr('size', str(instance.instanceType)),
    attr('admin_username', expr('var.admin_username')),
    ...(windows ? [attr('admin_password', expr('var.admin_password'))] : []),
    attr(
      'network_interface_ids',
      hcl.list([expr(`azurerm_network_interface.${vmId}.id`)]),
    ),
    ...(instance.zone ? [attr('zone', str(instance.zone))] : []),
    blank(),
    ...(windows ? [] : [sshKey(), blank()]),
    osDisk(instance),
    blank(),
    sourceImage(instance),
    blank(),
    azure.tags(instanceExtraTags(instance)),
  ];
  return block('resource', [azureVmType(instance), vmId], body);
}

/** Windows computer names have at most 15 characters, unique in the migration. */
function computerName({ w }: AzureWaveScope, instance: IacInstance) {
  return w.names.cloud.allocate(
    'azure-computer',
    instance.key,
    instance.name,
    'azure-computer',
  );
}

function sshKey(): HclBlock {
  return block(
    'admin_ssh_key',
    [],
    [
      attr('username', expr('var.admin_username')),
      attr('public_key', expr('var.admin_ssh_public_key')),
    ],
  );
}

function osDisk(instance: IacInstance): HclBlock {
  return block(
    'os_disk',
    [],
    [
      attr('caching', str('ReadWrite')),
      attr('storage_account_type', str(instance.rootDisk.storageClass)),
      attr('disk_size_gb', num(instance.rootDisk.sizeGiB)),
      ...(instance.rootDisk.kmsKeyId
        ? [attr('disk_encryption_set_id', str(instance.rootDisk.kmsKeyId))]
        : []),
    ],
  );
}

function sourceImage(instance: IacInstance): HclBlock {
  const image = IMAGES[imageFamily(instance.os)];
  return block(
    'source_image_reference',
    [],
    [
      attr('publisher', str(image.publisher)),
      attr('offer', str(image.offer)),
      attr('sku', str(image.sku)),
      attr('version', str('latest')),
    ],
  );
}

/** An empty managed disk attached to the machine at LUN `lun`. */
export function azureManagedDisk(
  azure: AzureWaveScope,
  disk: IacDisk,
  instance: IacInstance,
  lun: number,
): HclBlock[] {
  const { w } = azure;
  const vmId = w.id('instance', instance.key);
  const diskId = w.id('disk', disk.key);
  return [
    block(
      'resource',
      ['azurerm_managed_disk', diskId],
      [
        attr(
          'name',
          str(w.cloudName('azurerm_managed_disk', disk.key, disk.name)),
        ),
        ...azure.placement,
        attr('storage_account_type', str(disk.storageClass)),
        attr('create_option', str('Empty')),
        attr('disk_size_gb', num(disk.sizeGiB)),
        ...(instance.zone ? [attr('zone', str(instance.zone))] : []),
        ...(disk.kmsKeyId
          ? [attr('disk_encryption_set_id', str(disk.kmsKeyId))]
          : []),
        blank(),
        azure.tags(),
      ],
    ),
    block(
      'resource',
      ['azurerm_virtual_machine_data_disk_attachment', diskId],
      [
        attr('managed_disk_id', expr(`azurerm_managed_disk.${diskId}.id`)),
        attr('virtual_machine_id', expr(`${azureVmType(instance)}.${vmId}.id`)),
        attr('lun', num(lun)),
        attr('caching', str('ReadWrite')),
      ],
    ),
  ];
}
