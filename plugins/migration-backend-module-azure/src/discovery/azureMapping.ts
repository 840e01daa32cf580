import type { Disk, VirtualMachine } from '@azure/arm-compute';
import type { VirtualNetwork } from '@azure/arm-network';
import type {
  DiscoveredResource,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * ARM ids are case-insensitive and the same disk comes back with different casing from the VM
 * and the disk APIs, so every id is compared (and stored) in lower case.
 */
export function armId(id: string | undefined): string | undefined {
  return id?.toLowerCase();
}

const AZURE_OS_FAMILY: Record<string, 'windows' | 'linux'> = {
  Windows: 'windows',
  Linux: 'linux',
};

/** What a VM needs from its network interfaces. */
export interface NicInfo {
  subnetIds: string[];
  privateIps: string[];
  hasPublicIp: boolean;
  /** Application security groups of its IP configurations (lower-case ids). */
  asgIds?: string[];
  /** The network security group on the NIC itself (lower-case id). */
  nsgId?: string;
}

/** vCPUs and memory of a VM size. */
export interface VmSizeInfo {
  vcpus?: number;
  memoryMiB?: number;
}

function base(
  kind: DiscoveredResource['kind'],
  resource: {
    id?: string;
    name?: string;
    location?: string;
    tags?: Record<string, string>;
  },
  environmentId: string,
): DiscoveredResource {
  return {
    provider: 'azure',
    environmentId,
    externalId: armId(resource.id)!,
    kind,
    name: resource.name ?? resource.id!,
    region: resource.location,
    specs: {},
    tags: { ...resource.tags },
    dependsOn: [],
  };
}

/** A virtual network and its subnets. */
export function virtualNetworkToResources(
  network: VirtualNetwork,
  environmentId: string,
): DiscoveredResource[] {
  const vnet = base('network', network, environmentId);
  vnet.specs.cidrBlocks = network.addressSpace?.addressPrefixes ?? [];
  const subnets = (network.subnets ?? []).map(subnet => {
    const resource = base(
      'subnet',
      {
        id: subnet.id,
        name: `${network.name}/${subnet.name}`,
        location: network.location,
        tags: {},
      },
      environmentId,
    );
    resource.specs.cidrBlocks = [
      ...(subnet.addressPrefix ? [subnet.addressPrefix] : []),
      ...(subnet.addressPrefixes ?? []),
    ];
    resource.dependsOn = [vnet.externalId];
    const nsg = armId(subnet.networkSecurityGroup?.id);
    if (nsg) resource.raw = { networkSecurityGroup: nsg };
    return resource;
  });
  return [vnet, ...subnets];
}

export function diskToResource(
  disk: Disk,
  environmentId: string,
): DiscoveredResource {
  const resource = base('disk', disk, environmentId);
  if (disk.zones?.[0]) resource.zone = disk.zones[0];
  const spec: DiskSpec = { sizeGiB: disk.diskSizeGB ?? 0 };
  if (disk.sku?.name) spec.type = disk.sku.name;
  resource.specs.disks = [spec];
  resource.specs.storageGiB = disk.diskSizeGB ?? 0;
  resource.raw = {
    managedBy: armId(disk.managedBy),
    diskState: disk.diskState,
    osType: disk.osType,
    iops: disk.diskIopsReadWrite,
  };
  return resource;
}

export function virtualMachineToResource(
  vm: VirtualMachine,
  environmentId: string,
  size: VmSizeInfo | undefined,
  nics: Map<string, NicInfo>,
): DiscoveredResource {
  const resource = base('vm', vm, environmentId);
  if (vm.zones?.[0]) resource.zone = vm.zones[0];
  const storage = vm.storageProfile;
  const image = storage?.imageReference;
  const osType = storage?.osDisk?.osType;
  const imageName = image?.offer
    ? [image.publisher, image.offer, image.sku].filter(Boolean).join(' ')
    : undefined;
  resource.specs = {
    instanceType: vm.hardwareProfile?.vmSize,
    os: {
      family: AZURE_OS_FAMILY[osType ?? ''] ?? 'other',
      ...(imageName ? { name: imageName } : {}),
      ...(image?.sku ? { version: image.sku } : {}),
    },
  };
  if (size?.vcpus) resource.specs.vcpus = size.vcpus;
  if (size?.memoryMiB) resource.specs.memoryMiB = size.memoryMiB;

  const dependsOn = new Set<string>();
  const disks: DiskSpec[] = [];
  const osDisk = storage?.osDisk;
  if (osDisk) {
    const id = armId(osDisk.managedDisk?.id);
    if (id) dependsOn.add(id);
    disks.push({
      name: osDisk.name ?? 'os',
      sizeGiB: osDisk.diskSizeGB ?? 0,
      ...(osDisk.managedDisk?.storageAccountType
        ? { type: osDisk.managedDisk.storageAccountType }
        : {}),
    });
  }
  for (const data of storage?.dataDisks ?? []) {
    const id = armId(data.managedDisk?.id);
    if (id) dependsOn.add(id);
    disks.push({
      name: data.name ?? `lun${data.lun}`,
      sizeGiB: data.diskSizeGB ?? 0,
      ...(data.managedDisk?.storageAccountType
        ? { type: data.managedDisk.storageAccountType }
        : {}),
    });
  }
  resource.specs.disks = disks;

  const ips: string[] = [];
  let publicIp = false;
  for (const ref of vm.networkProfile?.networkInterfaces ?? []) {
    const nic = nics.get(armId(ref.id) ?? '');
    if (!nic) continue;
    nic.subnetIds.forEach(s => dependsOn.add(s));
    ips.push(...nic.privateIps);
    publicIp ||= nic.hasPublicIp;
  }
  resource.specs.ipAddresses = [...new Set(ips)];
  resource.specs.publiclyExposed = publicIp;
  resource.dependsOn = [...dependsOn];
  resource.raw = { vmId: vm.vmId, resourceGroup: resourceGroupOf(vm.id) };
  return resource;
}

function resourceGroupOf(id: string | undefined) {
  return /\/resourcegroups\/([^/]+)/i.exec(id ?? '')?.[1];
}
