import type {
  CloudProviderId,
  ComplianceProfile,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * Cloud providers the Terraform generator writes for: the migration targets
 * (`TARGET_PROVIDERS`).
 *
 * @public
 */
export type IacTargetProvider = TargetProvider;

/**
 * Where the generated infrastructure goes.
 *
 * @public
 */
export interface IacTarget {
  provider: IacTargetProvider;
  /** AWS region, Azure location or GCP region, e.g. `eu-west-1`, `westeurope`, `europe-west4`. */
  region: string;
  /** Default zone for zonal resources; defaults to `<region>a` (AWS) or `<region>-b` (GCP). */
  zone?: string;
  /** GCP project id, written as the default of `var.project_id`. */
  project?: string;
  /** Azure resource group the migration creates; defaults to `rg-<migration id>`. */
  resourceGroup?: string;
}

/**
 * An inbound rule of a security group.
 *
 * @public
 */
export interface IacSecurityRule {
  protocol: 'tcp' | 'udp' | 'icmp' | 'all';
  /** First port of the range; omitted for `icmp` and `all`. */
  fromPort?: number;
  /** Last port of the range; defaults to `fromPort`. */
  toPort?: number;
  /** Source CIDR blocks. */
  sources?: string[];
  /** Keys of security groups whose members may connect (least privilege between tiers). */
  sourceGroupKeys?: string[];
  description?: string;
}

/**
 * A security group (AWS security group, Azure network security group, GCP firewall rules on a
 * network tag).
 *
 * @public
 */
export interface IacSecurityGroup {
  /** Unique key in the model; becomes the Terraform name after sanitising. */
  key: string;
  name: string;
  /** Key of the network the group belongs to. */
  networkKey: string;
  description?: string;
  ingress: IacSecurityRule[];
  /** Id of the existing resource, for `import` blocks when source and target are the same cloud. */
  sourceId?: string;
}

/**
 * A subnet of a network.
 *
 * @public
 */
export interface IacSubnet {
  key: string;
  name: string;
  cidrBlock: string;
  zone?: string;
  sourceId?: string;
}

/**
 * A network (AWS VPC, Azure virtual network, GCP VPC network) with its subnets.
 *
 * @public
 */
export interface IacNetwork {
  key: string;
  name: string;
  cidrBlock: string;
  subnets: IacSubnet[];
  sourceId?: string;
}

/**
 * A disk with its target storage class.
 *
 * @public
 */
export interface IacDisk {
  key: string;
  name: string;
  sizeGiB: number;
  /** Target storage class, e.g. `gp3`, `Premium_LRS`, `pd-balanced`. */
  storageClass: string;
  /** Customer-managed key (KMS key ARN, disk encryption set id, KMS key self link). */
  kmsKeyId?: string;
  sourceId?: string;
}

/**
 * Who launches a machine on the target: `terraform` (the default) creates the instance with its
 * disks; `migration-service` leaves that to the target cloud's migration service (AWS MGN, Azure
 * Migrate, Google Migrate to Virtual Machines), which launches it from the replicated disks into
 * the subnet and security groups the wave publishes in its `launch_settings` output.
 *
 * @public
 */
export type IacLaunchedBy = 'terraform' | 'migration-service';

/**
 * A virtual machine to create, or to launch through the migration service.
 *
 * @public
 */
export interface IacInstance {
  key: string;
  name: string;
  /** Target instance type chosen by rightsizing, e.g. `m6i.large`, `Standard_D2s_v5`, `e2-standard-2`. */
  instanceType: string;
  subnetKey: string;
  securityGroupKeys: string[];
  os: { family: 'windows' | 'linux' | 'other'; name?: string };
  rootDisk: { sizeGiB: number; storageClass: string; kmsKeyId?: string };
  dataDisks: IacDisk[];
  zone?: string;
  /** Catalog entity ref of the source resource, written as a tag. */
  entityRef?: string;
  /** Extra tags carried over from the source (the required tags always win). */
  tags?: Record<string, string>;
  sourceId?: string;
  /**
   * Who launches the machine; defaults to `terraform`. A machine the migration service launches
   * gets no instance or disk resources (nor imports): its wave publishes where it goes instead.
   */
  launchedBy?: IacLaunchedBy;
}

/**
 * One wave of the migration: the machines that move together.
 *
 * @public
 */
export interface IacWave {
  /** 1-based wave number, as in the assessment. */
  number: number;
  instances: IacInstance[];
}

/**
 * What the Terraform generator writes: the target landing zone (networks, subnets, security
 * groups) and, per wave, the machines with their disks.
 *
 * @public
 */
export interface IacModel {
  migrationId: string;
  /** Owner entity ref, written as the `owner` tag. */
  owner: string;
  source: { provider: CloudProviderId; environmentId?: string };
  target: IacTarget;
  complianceProfile?: ComplianceProfile;
  /**
   * Tags for every resource of the migration on top of the required ones, e.g.
   * `data-classification` that a compliance profile asks for (`migration.iac.defaultTags`).
   */
  tags?: Record<string, string>;
  networks: IacNetwork[];
  securityGroups: IacSecurityGroup[];
  waves: IacWave[];
}
