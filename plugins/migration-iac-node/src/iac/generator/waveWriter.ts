import type { HclBlock, HclValue } from '../hcl/document';
import type { CloudNameStyle } from '../hcl/identifiers';
import type {
  IacDisk,
  IacInstance,
  IacNetwork,
  IacSecurityGroup,
  IacSubnet,
} from '../model';
import type { WaveContext } from './context';

/**
 * Terraform resource types a cloud creates for the parts of the model; a wave that only refers
 * to a part an earlier wave created looks it up with the data source of the same type.
 */
export interface CloudResourceTypes {
  network: string;
  subnet: string;
  /**
   * Absent when a security group is no single resource (GCP writes firewall rules): the cloud
   * then handles the group's `sourceId` itself.
   */
  securityGroup?: string;
  machine(instance: IacInstance): string;
  disk: string;
}

/** Kinds of model parts with a Terraform identifier shared by every wave. */
export type ModelPartKind = 'network' | 'subnet' | 'sg' | 'instance' | 'disk';

/** One wave being written: its context plus the helpers every cloud uses. */
export interface WaveWriting extends WaveContext {
  /** Number of the wave being written. */
  wave: number;
  /** The wave's machines that Terraform creates, in key order. */
  instances: IacInstance[];
  /**
   * The wave's machines the migration service launches, in key order: no resources, an entry
   * each in the `launch_settings` output.
   */
  launchedByService: IacInstance[];
  /** Terraform identifier of a model part, the same in every wave folder. */
  id(kind: ModelPartKind, key: string): string;
  /** Cloud-side name of a resource, unique per `type`, in the cloud's naming style. */
  cloudName(type: string, key: string, name: string): string;
  /**
   * An attribute (default `id`) of a network, subnet or security group: of the resource when
   * this wave creates it, of its data source when an earlier wave did.
   */
  ref: {
    network(key: string, attribute?: string): string;
    subnet(key: string, attribute?: string): string;
    securityGroup(key: string, attribute?: string): string;
  };
}

/**
 * What a cloud writes for one wave. The shared skeleton ({@link writeWave}) decides the files,
 * the order of sections and of the parts within them, creation versus lookup, imports and the
 * map outputs; the cloud supplies only the blocks.
 */
export interface CloudWaveBlocks {
  providers(): HclBlock[];
  variables(): HclBlock[];
  /** `network.tf` blocks ahead of the networks, e.g. Azure's resource group. */
  landingZone?(): HclBlock[];
  network(network: IacNetwork): HclBlock;
  subnet(subnet: IacSubnet, network: IacNetwork): HclBlock;
  /** Lookup of a network an earlier wave created; absent when subnets are looked up by name. */
  foreignNetwork?(network: IacNetwork): HclBlock;
  foreignSubnet(subnet: IacSubnet, network: IacNetwork): HclBlock;
  securityGroup(group: IacSecurityGroup): HclBlock[];
  /** Lookup of a group an earlier wave created; absent when machines select groups by tag. */
  foreignSecurityGroup?(group: IacSecurityGroup): HclBlock;
  /** Called once the security groups are written, e.g. to warn about cloud limits. */
  afterSecurityGroups?(): void;
  /** `compute.tf` blocks ahead of the machines, e.g. AWS's image lookups. */
  images?(): HclBlock[];
  /** The machine and what belongs to it (network interface, group association). */
  machine(instance: IacInstance): HclBlock[];
  /** A data disk and its attachment; `position` counts the machine's disks in key order. */
  disk(disk: IacDisk, instance: IacInstance, position: number): HclBlock[];
  /** Outputs ahead of the map outputs, e.g. Azure's resource group id. */
  landingZoneOutputs?(): HclBlock[];
  /** Expression of a machine's private IP address, by its Terraform identifier. */
  privateIp(instanceId: string): string;
  /**
   * Where the migration service launches a machine: its entry of the `launch_settings` output,
   * an object with the cloud's subnet and security group references and `instance_type`.
   */
  launchSettings(instance: IacInstance): HclValue;
}

/**
 * A cloud's Terraform writer: its provider, resource types and naming style, and the blocks it
 * writes for a wave.
 */
export interface CloudWaveWriter {
  provider: { name: string; source: string; version: string };
  nameStyle: CloudNameStyle;
  types: CloudResourceTypes;
  /** Description of the `network_ids` output; absent when the cloud writes none. */
  networkIdsDescription?: string;
  blocks(w: WaveWriting): CloudWaveBlocks;
}
