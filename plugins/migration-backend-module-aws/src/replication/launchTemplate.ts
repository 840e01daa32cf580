import type {
  LaunchTemplateInstanceNetworkInterfaceSpecification,
  LaunchTemplateInstanceNetworkInterfaceSpecificationRequest,
  LaunchTemplateTagSpecificationRequest,
  RequestLaunchTemplateData,
  ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { InputError } from '@backstage/errors';
import type { LaunchSettings } from '@sirsi-nexus/plugin-migration-node';

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const SUBNET = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;
/** The resources MGN's launched instances create that our tags go on. */
const TAGGED_RESOURCES = ['instance', 'volume'] as const;

/** Checks launch settings before any call; the error names the field. */
export function validateLaunchSettings(settings: LaunchSettings): void {
  if (
    settings.instanceType !== undefined &&
    !INSTANCE_TYPE.test(settings.instanceType)
  ) {
    throw new InputError(
      `settings.instanceType: "${settings.instanceType}" is not an EC2 instance type such as m6i.large`,
    );
  }
  if (settings.subnetId !== undefined && !SUBNET.test(settings.subnetId)) {
    throw new InputError(
      `settings.subnetId: "${settings.subnetId}" is not a subnet id such as subnet-0123456789abcdef0`,
    );
  }
  (settings.securityGroupIds ?? []).forEach((id, i) => {
    if (!SECURITY_GROUP.test(id)) {
      throw new InputError(
        `settings.securityGroupIds[${i}]: "${id}" is not a security group id such as sg-0123456789abcdef0`,
      );
    }
  });
  const tags = Object.entries(settings.tags ?? {});
  if (tags.length > 50) {
    throw new InputError(`settings.tags: at most 50 tags, got ${tags.length}`);
  }
  for (const [key, value] of tags) {
    if (!key || key.length > 128 || key.toLowerCase().startsWith('aws:')) {
      throw new InputError(
        `settings.tags: key "${key}" must be 1-128 characters and not start with aws:`,
      );
    }
    if (typeof value !== 'string' || value.length > 256) {
      throw new InputError(
        `settings.tags.${key}: the value must be a string of at most 256 characters`,
      );
    }
  }
}

function sameSet(a: string[] | undefined, b: string[] | undefined): boolean {
  const left = new Set(a ?? []);
  const right = new Set(b ?? []);
  return left.size === right.size && [...left].every(v => right.has(v));
}

function primaryInterface(data: ResponseLaunchTemplateData | undefined) {
  return (data?.NetworkInterfaces ?? []).find(n => (n.DeviceIndex ?? 0) === 0);
}

/** Whether a launch template version already launches as the settings say. */
export function satisfies(
  data: ResponseLaunchTemplateData | undefined,
  settings: LaunchSettings,
): boolean {
  if (settings.instanceType && data?.InstanceType !== settings.instanceType)
    return false;
  const nic = primaryInterface(data);
  if (settings.subnetId && nic?.SubnetId !== settings.subnetId) return false;
  if (
    settings.securityGroupIds &&
    !sameSet(nic?.Groups, settings.securityGroupIds)
  ) {
    return false;
  }
  return TAGGED_RESOURCES.every(resource => {
    const spec = data?.TagSpecifications?.find(
      t => t.ResourceType === resource,
    );
    return Object.entries(settings.tags ?? {}).every(([key, value]) =>
      spec?.Tags?.some(t => t.Key === key && t.Value === value),
    );
  });
}

function toRequest(
  nic: LaunchTemplateInstanceNetworkInterfaceSpecification,
): LaunchTemplateInstanceNetworkInterfaceSpecificationRequest {
  return {
    AssociatePublicIpAddress: nic.AssociatePublicIpAddress,
    DeleteOnTermination: nic.DeleteOnTermination,
    Description: nic.Description,
    DeviceIndex: nic.DeviceIndex,
    Groups: nic.Groups,
    InterfaceType: nic.InterfaceType,
    NetworkCardIndex: nic.NetworkCardIndex,
    NetworkInterfaceId: nic.NetworkInterfaceId,
    PrivateIpAddress: nic.PrivateIpAddress,
    PrivateIpAddresses: nic.PrivateIpAddresses,
    SecondaryPrivateIpAddressCount: nic.SecondaryPrivateIpAddressCount,
    SubnetId: nic.SubnetId,
  };
}

/** The primary interface in the wanted subnet and security groups, other interfaces kept. */
function networkInterfaces(
  data: ResponseLaunchTemplateData | undefined,
  settings: LaunchSettings,
): LaunchTemplateInstanceNetworkInterfaceSpecificationRequest[] {
  const current = data?.NetworkInterfaces ?? [];
  const primary = primaryInterface(data);
  const others = current.filter(n => n !== primary).map(toRequest);
  const next = primary ? toRequest(primary) : { DeviceIndex: 0 };
  if (settings.subnetId && settings.subnetId !== next.SubnetId) {
    // A fixed address or interface belongs to the old subnet (MGN's copyPrivateIp puts one there).
    next.SubnetId = settings.subnetId;
    delete next.PrivateIpAddress;
    delete next.PrivateIpAddresses;
    delete next.NetworkInterfaceId;
  }
  if (settings.securityGroupIds) next.Groups = [...settings.securityGroupIds];
  return [next, ...others];
}

function tagSpecifications(
  data: ResponseLaunchTemplateData | undefined,
  settings: LaunchSettings,
): LaunchTemplateTagSpecificationRequest[] {
  const specs = new Map<string, Map<string, string>>();
  for (const spec of data?.TagSpecifications ?? []) {
    if (!spec.ResourceType) continue;
    specs.set(
      spec.ResourceType,
      new Map((spec.Tags ?? []).map(t => [t.Key ?? '', t.Value ?? ''])),
    );
  }
  for (const resource of TAGGED_RESOURCES) {
    const tags = specs.get(resource) ?? new Map<string, string>();
    for (const [key, value] of Object.entries(settings.tags ?? {}))
      tags.set(key, value);
    specs.set(resource, tags);
  }
  return [...specs].map(([resource, tags]) => ({
    ResourceType:
      resource as LaunchTemplateTagSpecificationRequest['ResourceType'],
    Tags: [...tags].map(([Key, Value]) => ({ Key, Value })),
  }));
}

/**
 * The data of the new launch template version: only what the settings change. Lists replace the
 * source version's lists, so interfaces and tag specifications are carried over and merged.
 */
export function launchTemplateData(
  current: ResponseLaunchTemplateData | undefined,
  settings: LaunchSettings,
): RequestLaunchTemplateData {
  const data: RequestLaunchTemplateData = {};
  if (settings.instanceType) data.InstanceType = settings.instanceType as never;
  if (settings.subnetId || settings.securityGroupIds) {
    data.NetworkInterfaces = networkInterfaces(current, settings);
  }
  if (Object.keys(settings.tags ?? {}).length > 0) {
    data.TagSpecifications = tagSpecifications(current, settings);
  }
  return data;
}
