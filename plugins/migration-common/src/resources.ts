import type { TargetProvider } from './contract/values';

/**
 * Where a resource was discovered.
 *
 * @public
 */
export type CloudProviderId = 'inventory' | TargetProvider | (string & {});

/**
 * The kinds of resources discovery normalises everything into.
 *
 * @public
 */
export const RESOURCE_KINDS = [
  'vm',
  'disk',
  'network',
  'subnet',
  'security-group',
  'load-balancer',
  'database',
  'bucket',
] as const;

/** @public */
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

/**
 * A disk attached to a machine.
 *
 * @public
 */
export interface DiskSpec {
  /** Provisioned size in GiB. */
  sizeGiB: number;
  /** Provider-specific type such as `gp3`, `Premium_LRS`, `pd-balanced` or `thin`. */
  type?: string;
  /** Used space in GiB, when the source reports it. */
  usedGiB?: number;
  name?: string;
}

/**
 * Operating system of a machine.
 *
 * @public
 */
export interface OsSpec {
  family: 'windows' | 'linux' | 'other';
  /** Human name as reported, e.g. `Microsoft Windows Server 2012 R2 (64-bit)`. */
  name?: string;
  version?: string;
}

/**
 * Normalised specification of a resource. Fields apply where they make sense for the kind.
 *
 * @public
 */
export interface ResourceSpecs {
  vcpus?: number;
  memoryMiB?: number;
  disks?: DiskSpec[];
  os?: OsSpec;
  ipAddresses?: string[];
  /** Provider instance/VM size, e.g. `m5.large`, `Standard_D2s_v5`, `e2-standard-2`. */
  instanceType?: string;
  /** Power state as reported (`poweredOn`, `running`, `stopped`, ...). */
  powerState?: string;
  /** CIDR blocks for networks and subnets. */
  cidrBlocks?: string[];
  /** Inbound rules for security groups. */
  ingress?: SecurityRule[];
  /** Database engine for database resources, e.g. `sqlserver`, `postgres`. */
  engine?: string;
  /** Storage size in GiB for buckets and databases. */
  storageGiB?: number;
  /** Whether the resource is reachable from the internet (public IP, 0.0.0.0/0 ingress...). */
  publiclyExposed?: boolean;
  /**
   * Ports the resource serves its dependents on, e.g. the destination ports of a dependency
   * export. The generated security rules admit dependents on exactly these.
   */
  listeningPorts?: Array<{ protocol: 'tcp' | 'udp'; port: number }>;
}

/**
 * An inbound network rule.
 *
 * @public
 */
export interface SecurityRule {
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  fromPort?: number;
  toPort?: number;
  /** Source CIDR blocks. */
  sources?: string[];
  /** Source security groups (external ids). */
  sourceGroups?: string[];
  description?: string;
}

/**
 * Observed utilization over a window; percentiles are 0–100.
 *
 * @public
 */
export interface ResourceUtilization {
  cpuP95?: number;
  memP95?: number;
  iopsP95?: number;
  networkMbpsP95?: number;
  /** Number of samples the percentiles come from. */
  samples?: number;
  /** ISO-8601 duration of the observation window, e.g. `P30D`. */
  window?: string;
  /**
   * Where the figures were measured, e.g. `CloudWatch`, `Azure Monitor`, `Cloud Monitoring`;
   * absent for figures an inventory file carries.
   */
  source?: string;
}

/**
 * A resource found by a provider's discovery, normalised across sources.
 *
 * @public
 */
export interface DiscoveredResource {
  provider: CloudProviderId;
  /** Id of the configured environment (`migration.environments[].id`). */
  environmentId: string;
  /** The provider's stable id of the resource (instance id, ARM id, VM UUID, ...). */
  externalId: string;
  kind: ResourceKind;
  name: string;
  region?: string;
  zone?: string;
  specs: ResourceSpecs;
  tags: Record<string, string>;
  /** External ids of resources this one depends on. */
  dependsOn: string[];
  utilization?: ResourceUtilization;
  /** Provider-specific extra data, kept small. */
  raw?: Record<string, unknown>;
}

/**
 * Annotations SirsiNexus Migrate puts on the catalog `Resource` entities it creates from discovered
 * resources.
 *
 * @public
 */
export const RESOURCE_ANNOTATIONS = {
  /** Where the resource was discovered: `inventory`, `aws`, `azure`, `gcp`. */
  provider: 'sirsi-nexus.io/provider',
  /** The configured environment (`migration.environments[].id`) it belongs to. */
  environment: 'sirsi-nexus.io/environment',
  /** The provider's id of the resource (instance id, ARM id, VM name ...). */
  externalId: 'sirsi-nexus.io/external-id',
  /** Region (or datacenter) the resource runs in. */
  region: 'sirsi-nexus.io/region',
  /**
   * Compact JSON of what assessments need: kind, normalised specs, utilization, tags and the
   * external ids of dependencies (see `ResourceSpecsAnnotation`).
   */
  specs: 'sirsi-nexus.io/specs',
} as const;

/**
 * The content of the `sirsi-nexus.io/specs` annotation.
 *
 * @public
 */
export interface ResourceSpecsAnnotation {
  /** Format version of this annotation. */
  v: 1;
  kind: ResourceKind;
  specs: ResourceSpecs;
  utilization?: ResourceUtilization;
  zone?: string;
  tags?: Record<string, string>;
  /** External ids of the resources this one depends on. */
  dependsOn?: string[];
}

/**
 * `spec.type` of the catalog `Resource` entity for each resource kind.
 *
 * @public
 */
export const RESOURCE_ENTITY_TYPES: Record<ResourceKind, string> = {
  vm: 'virtual-machine',
  disk: 'disk',
  network: 'network',
  subnet: 'subnet',
  'security-group': 'security-group',
  'load-balancer': 'load-balancer',
  database: 'database',
  bucket: 'storage-bucket',
};

/**
 * Type guard for {@link ResourceKind}.
 *
 * @public
 */
export function isResourceKind(value: unknown): value is ResourceKind {
  return (
    typeof value === 'string' &&
    (RESOURCE_KINDS as readonly string[]).includes(value)
  );
}
