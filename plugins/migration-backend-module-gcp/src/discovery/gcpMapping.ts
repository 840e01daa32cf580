import type { protos } from '@google-cloud/compute';
import type {
  DiscoveredResource,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';

type Instance = protos.google.cloud.compute.v1.IInstance;
type Disk = protos.google.cloud.compute.v1.IDisk;
type Network = protos.google.cloud.compute.v1.INetwork;
type Subnetwork = protos.google.cloud.compute.v1.ISubnetwork;

/**
 * The id of a Compute resource: its self link without the API host and version, e.g.
 * `projects/shop/zones/europe-west1-b/instances/web-1`, so links in other resources join.
 */
export function resourcePath(
  link: string | null | undefined,
): string | undefined {
  if (!link) return undefined;
  const match = /\/compute\/(?:v1|beta|alpha)\/(projects\/.+)$/.exec(link);
  return match ? match[1] : link.replace(/^\/+/, '');
}

/** The last segment of a link or path (`.../zones/europe-west1-b` → `europe-west1-b`). */
export function lastSegment(
  link: string | null | undefined,
): string | undefined {
  return link?.split('/').pop() || undefined;
}

/** vCPUs and memory of a machine type. */
export interface MachineTypeInfo {
  vcpus?: number;
  memoryMiB?: number;
}

/** vCPUs and memory of custom machine types (`custom-4-16384`, `n2-custom-8-32768-ext`). */
export function customMachineType(name: string): MachineTypeInfo | undefined {
  const match = /(?:^|-)custom-(\d+)-(\d+)(?:-ext)?$/.exec(name);
  return match
    ? { vcpus: Number(match[1]), memoryMiB: Number(match[2]) }
    : undefined;
}

function regionOfZone(zone: string | undefined) {
  return zone?.replace(/-[a-z]$/, '');
}

function base(
  kind: DiscoveredResource['kind'],
  item: {
    selfLink?: string | null;
    name?: string | null;
    labels?: Record<string, string> | null;
  },
  environmentId: string,
): DiscoveredResource {
  return {
    provider: 'gcp',
    environmentId,
    externalId: resourcePath(item.selfLink)!,
    kind,
    name: item.name ?? resourcePath(item.selfLink)!,
    specs: {},
    tags: { ...item.labels },
    dependsOn: [],
  };
}

export function networkToResource(
  network: Network,
  env: string,
): DiscoveredResource {
  const resource = base('network', network, env);
  resource.region = 'global';
  if (network.IPv4Range) resource.specs.cidrBlocks = [network.IPv4Range];
  resource.raw = {
    autoCreateSubnetworks: network.autoCreateSubnetworks ?? false,
    routingMode: network.routingConfig?.routingMode,
  };
  return resource;
}

export function subnetworkToResource(
  subnet: Subnetwork,
  env: string,
): DiscoveredResource {
  const resource = base('subnet', subnet, env);
  resource.region = lastSegment(subnet.region);
  resource.specs.cidrBlocks = [
    subnet.ipCidrRange,
    ...(subnet.secondaryIpRanges ?? []).map(r => r.ipCidrRange),
  ].filter((c): c is string => !!c);
  const network = resourcePath(subnet.network);
  if (network) resource.dependsOn.push(network);
  return resource;
}

export function diskToResource(disk: Disk, env: string): DiscoveredResource {
  const resource = base('disk', disk, env);
  const zone = lastSegment(disk.zone);
  if (zone) {
    resource.zone = zone;
    resource.region = regionOfZone(zone);
  } else {
    resource.region = lastSegment(disk.region);
  }
  const size = Number(disk.sizeGb ?? 0);
  const spec: DiskSpec = { sizeGiB: size };
  const type = lastSegment(disk.type);
  if (type) spec.type = type;
  resource.specs.disks = [spec];
  resource.specs.storageGiB = size;
  resource.raw = {
    status: disk.status,
    users: (disk.users ?? []).map(resourcePath),
    provisionedIops: disk.provisionedIops
      ? Number(disk.provisionedIops)
      : undefined,
  };
  return resource;
}

export function instanceToResource(
  instance: Instance,
  env: string,
  machineType: MachineTypeInfo | undefined,
  diskSizes: (path: string) => { sizeGiB: number; type?: string } | undefined,
): DiscoveredResource {
  const resource = base('vm', instance, env);
  const zone = lastSegment(instance.zone);
  if (zone) {
    resource.zone = zone;
    resource.region = regionOfZone(zone);
  }
  const licenses = (instance.disks ?? []).flatMap(d => d.licenses ?? []);
  const windows = licenses.some(l => /windows/i.test(l));
  const osLicense = licenses.map(lastSegment).find(Boolean);
  resource.specs = {
    instanceType: lastSegment(instance.machineType),
    powerState: instance.status ?? undefined,
    os: {
      family: osFamily(windows, licenses.length > 0),
      ...(osLicense ? { name: osLicense } : {}),
    },
  };
  if (machineType?.vcpus) resource.specs.vcpus = machineType.vcpus;
  if (machineType?.memoryMiB) resource.specs.memoryMiB = machineType.memoryMiB;

  const dependsOn = new Set<string>();
  const disks: DiskSpec[] = [];
  for (const attached of instance.disks ?? []) {
    const source = resourcePath(attached.source);
    if (source) dependsOn.add(source);
    const known = source ? diskSizes(source) : undefined;
    disks.push({
      name: attached.deviceName ?? lastSegment(attached.source) ?? 'disk',
      sizeGiB: known?.sizeGiB ?? Number(attached.diskSizeGb ?? 0),
      ...(known?.type ? { type: known.type } : {}),
    });
  }
  resource.specs.disks = disks;
  const ips: string[] = [];
  let publicIp = false;
  for (const nic of instance.networkInterfaces ?? []) {
    const subnet = resourcePath(nic.subnetwork);
    const network = resourcePath(nic.network);
    if (subnet) dependsOn.add(subnet);
    else if (network) dependsOn.add(network);
    if (nic.networkIP) ips.push(nic.networkIP);
    for (const access of nic.accessConfigs ?? []) {
      if (access.natIP) {
        ips.push(access.natIP);
        publicIp = true;
      }
    }
  }
  resource.specs.ipAddresses = [...new Set(ips)];
  resource.specs.publiclyExposed = publicIp;
  resource.dependsOn = [...dependsOn];
  resource.raw = { id: instance.id ? String(instance.id) : undefined };
  return resource;
}

function osFamily(
  windows: boolean,
  licensed: boolean,
): 'windows' | 'linux' | 'other' {
  if (windows) return 'windows';
  return licensed ? 'linux' : 'other';
}
