import type {
  Instance,
  IpPermission,
  SecurityGroup,
  Subnet,
  Tag,
  Volume,
  Vpc,
} from '@aws-sdk/client-ec2';
import type {
  DiscoveredResource,
  DiskSpec,
  SecurityRule,
} from '@sirsi-nexus/plugin-migration-common';

/** vCPU and memory of an instance type, from DescribeInstanceTypes. */
export interface InstanceTypeInfo {
  vcpus?: number;
  memoryMiB?: number;
}

function tagsOf(tags: Tag[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    if (tag.Key && !tag.Key.startsWith('aws:')) out[tag.Key] = tag.Value ?? '';
  }
  return out;
}

function base(
  kind: DiscoveredResource['kind'],
  id: string,
  tags: Tag[] | undefined,
  environmentId: string,
  region: string,
): DiscoveredResource {
  const tagMap = tagsOf(tags);
  return {
    provider: 'aws',
    environmentId,
    externalId: id,
    kind,
    name: tagMap.Name || id,
    region,
    specs: {},
    tags: tagMap,
    dependsOn: [],
  };
}

export function vpcToResource(
  vpc: Vpc,
  env: string,
  region: string,
): DiscoveredResource {
  const resource = base('network', vpc.VpcId!, vpc.Tags, env, region);
  const cidrs = [
    vpc.CidrBlock,
    ...(vpc.CidrBlockAssociationSet ?? []).map(a => a.CidrBlock),
  ].filter((c): c is string => !!c);
  resource.specs.cidrBlocks = [...new Set(cidrs)];
  resource.raw = { isDefault: vpc.IsDefault ?? false };
  return resource;
}

export function subnetToResource(
  subnet: Subnet,
  env: string,
  region: string,
): DiscoveredResource {
  const resource = base('subnet', subnet.SubnetId!, subnet.Tags, env, region);
  if (subnet.AvailabilityZone) resource.zone = subnet.AvailabilityZone;
  if (subnet.CidrBlock) resource.specs.cidrBlocks = [subnet.CidrBlock];
  resource.specs.publiclyExposed = subnet.MapPublicIpOnLaunch ?? false;
  if (subnet.VpcId) resource.dependsOn.push(subnet.VpcId);
  return resource;
}

function ruleOf(permission: IpPermission): SecurityRule {
  const protocol = permission.IpProtocol;
  const known = ['tcp', 'udp', 'icmp'] as const;
  const rule: SecurityRule = {
    // `-1` means every protocol; numbered protocols (e.g. 50 for ESP) are reported as `all`.
    protocol: known.find(p => p === protocol) ?? 'all',
  };
  if (permission.FromPort !== undefined && permission.FromPort >= 0)
    rule.fromPort = permission.FromPort;
  if (permission.ToPort !== undefined && permission.ToPort >= 0)
    rule.toPort = permission.ToPort;
  const sources = [
    ...(permission.IpRanges ?? []).map(r => r.CidrIp),
    ...(permission.Ipv6Ranges ?? []).map(r => r.CidrIpv6),
  ].filter((c): c is string => !!c);
  if (sources.length > 0) rule.sources = sources;
  const groups = (permission.UserIdGroupPairs ?? [])
    .map(p => p.GroupId)
    .filter((g): g is string => !!g);
  if (groups.length > 0) rule.sourceGroups = groups;
  return rule;
}

export function securityGroupToResource(
  group: SecurityGroup,
  env: string,
  region: string,
): DiscoveredResource {
  const resource = base(
    'security-group',
    group.GroupId!,
    group.Tags,
    env,
    region,
  );
  if (!resource.tags.Name && group.GroupName) resource.name = group.GroupName;
  const ingress = (group.IpPermissions ?? []).map(ruleOf);
  resource.specs.ingress = ingress;
  resource.specs.publiclyExposed = ingress.some(r =>
    (r.sources ?? []).some(s => s === '0.0.0.0/0' || s === '::/0'),
  );
  const referenced = new Set<string>();
  if (group.VpcId) referenced.add(group.VpcId);
  for (const rule of ingress) {
    for (const g of rule.sourceGroups ?? [])
      if (g !== group.GroupId) referenced.add(g);
  }
  resource.dependsOn = [...referenced];
  if (group.Description) resource.raw = { description: group.Description };
  return resource;
}

export function volumeToResource(
  volume: Volume,
  env: string,
  region: string,
): DiscoveredResource {
  const resource = base('disk', volume.VolumeId!, volume.Tags, env, region);
  if (volume.AvailabilityZone) resource.zone = volume.AvailabilityZone;
  const disk: DiskSpec = { sizeGiB: volume.Size ?? 0 };
  if (volume.VolumeType) disk.type = volume.VolumeType;
  resource.specs.disks = [disk];
  resource.specs.storageGiB = volume.Size ?? 0;
  resource.raw = {
    state: volume.State,
    encrypted: volume.Encrypted ?? false,
    iops: volume.Iops,
    attachedTo: (volume.Attachments ?? [])
      .map(a => a.InstanceId)
      .filter(Boolean),
  };
  return resource;
}

export function instanceToResource(
  instance: Instance,
  env: string,
  region: string,
  type: InstanceTypeInfo | undefined,
  volumes: Map<string, { sizeGiB: number; type?: string }>,
): DiscoveredResource {
  const resource = base('vm', instance.InstanceId!, instance.Tags, env, region);
  if (instance.Placement?.AvailabilityZone)
    resource.zone = instance.Placement.AvailabilityZone;
  const details = instance.PlatformDetails ?? '';
  const windows = /windows/i.test(`${instance.Platform ?? ''} ${details}`);
  resource.specs = {
    instanceType: instance.InstanceType,
    powerState: instance.State?.Name,
    os: {
      family: osFamily(windows, Boolean(details || instance.Architecture)),
      ...(details ? { name: details } : {}),
    },
  };
  if (type?.vcpus) resource.specs.vcpus = type.vcpus;
  if (type?.memoryMiB) resource.specs.memoryMiB = type.memoryMiB;
  const ips = [
    instance.PrivateIpAddress,
    ...(instance.NetworkInterfaces ?? []).flatMap(n =>
      (n.PrivateIpAddresses ?? []).map(a => a.PrivateIpAddress),
    ),
    instance.PublicIpAddress,
  ].filter((ip): ip is string => !!ip);
  resource.specs.ipAddresses = [...new Set(ips)];
  resource.specs.publiclyExposed = !!instance.PublicIpAddress;

  const disks: DiskSpec[] = [];
  const dependsOn = new Set<string>();
  for (const mapping of instance.BlockDeviceMappings ?? []) {
    const volumeId = mapping.Ebs?.VolumeId;
    if (!volumeId) continue;
    dependsOn.add(volumeId);
    const volume = volumes.get(volumeId);
    disks.push({
      name: mapping.DeviceName,
      sizeGiB: volume?.sizeGiB ?? 0,
      ...(volume?.type ? { type: volume.type } : {}),
    });
  }
  resource.specs.disks = disks;
  if (instance.SubnetId) dependsOn.add(instance.SubnetId);
  for (const group of instance.SecurityGroups ?? []) {
    if (group.GroupId) dependsOn.add(group.GroupId);
  }
  resource.dependsOn = [...dependsOn];
  resource.raw = {
    imageId: instance.ImageId,
    launchTime: instance.LaunchTime?.toISOString(),
  };
  return resource;
}

function osFamily(
  windows: boolean,
  known: boolean,
): 'windows' | 'linux' | 'other' {
  if (windows) return 'windows';
  return known ? 'linux' : 'other';
}
